import { createHmac } from 'node:crypto';
import type { SyncOrderResult } from '@mautic-woo/sync';
import { type PrismServer, startPrism } from '@mautic-woo/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main as abandonedCart } from '../examples/abandoned-cart';
import { main as backfill } from '../examples/backfill';
import { main as ensureFields } from '../examples/ensure-fields';
import { main as findContact } from '../examples/find-contact';
import { main as oauth2 } from '../examples/oauth2-client-credentials';
import { main as syncOrder } from '../examples/sync-order';
import { main as testConnection } from '../examples/test-connection';
import { main as upsertContact } from '../examples/upsert-contact';
import { main as webhookServer } from '../examples/webhook-server';
import { sampleOrder } from '../src/sample-data';
import { mockClient, run, tsxPath } from './helpers';

let prism: PrismServer;

beforeAll(async () => {
  prism = await startPrism();
  // The examples print for a person; keep the test output readable.
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await prism?.close();
});

describe('examples against Prism', () => {
  it('test-connection reports the Mautic version', async () => {
    const result = await testConnection(mockClient(prism.url));
    expect(result).toEqual({ ok: true, mauticVersion: expect.stringMatching(/^\d+\.\d+/) });
  });

  it('find-contact finds the contact with exactly that email, and null for another', async () => {
    const client = mockClient(prism.url);
    const found = await findContact(client, 'jane.doe@example.com');
    expect(found?.id).toBeGreaterThan(0);
    expect(found?.fields.all.email).toBe('jane.doe@example.com');
    expect(await findContact(client, 'jane.doe@example.co')).toBeNull();
  });

  it('upsert-contact updates the existing contact', async () => {
    const result = await upsertContact(mockClient(prism.url));
    expect(result.contact.id).toBeGreaterThan(0);
    expect(result.created).toBe(false);
    expect(result.droppedFields).toEqual([]);
  });

  it('ensure-fields reports all six fields', async () => {
    const result = await ensureFields(mockClient(prism.url));
    expect(result.fields.map((f) => f.alias).sort()).toEqual(Object.keys(result.aliases).sort());
    expect(result.fields).toHaveLength(6);
  });

  it('sync-order writes the contact, the note and the email', async () => {
    const result = await syncOrder(mockClient(prism.url), undefined, '3');
    expect(result.orderId).toBe(sampleOrder().id);
    expect(result.email).toBe('john.doe@example.com');
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'fields:ok',
      'contact:ok',
      'note:ok',
      'email:ok',
    ]);
  });

  it('abandoned-cart stores the cart, adds the segment and marks it recovered', async () => {
    const { synced, recovered } = await abandonedCart(mockClient(prism.url), 2);
    expect(synced.ok).toBe(true);
    expect(synced.steps.find((s) => s.step === 'segment')).toMatchObject({ status: 'ok', detail: 'segment 2' });
    expect(recovered).toMatchObject({ email: 'jane.doe@example.com', found: true, contactId: synced.contactId });
  });

  it('backfill syncs every order', async () => {
    const summary = await backfill(mockClient(prism.url), 12);
    expect(summary).toMatchObject({ total: 12, ok: 12, failed: 0, aborted: false, failures: [] });
  });

  it('backfill prints one progress line per update when its output is not a terminal', async () => {
    const env = { MAUTIC_URL: prism.url, MAUTIC_USERNAME: 'demo', MAUTIC_PASSWORD: 'demo-password' };
    const result = await run(tsxPath, ['examples/backfill.ts', '5'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('\r');
    const progress = result.stdout.split('\n').filter((line) => / done, /.test(line));
    expect(progress).toHaveLength(5);
    for (const line of progress) expect(line).toMatch(/^\d\/5 done, 0 failed$/);
    expect(result.stdout).toContain('5 of 5 orders synced');
  });

  it('oauth2-client-credentials gets a token and connects with it', async () => {
    const result = await oauth2(prism.url, 'client-id', 'client-secret');
    expect(result.connection.ok).toBe(true);
    expect(result.tokensIssued).toBe(1);
  });

  it('webhook-server stores a signed order, answers 202, then syncs it', async () => {
    const client = mockClient(prism.url);
    const synced: SyncOrderResult[] = [];
    const recording = {
      syncOrder: async (...args: Parameters<typeof client.syncOrder>) => {
        const result = await client.syncOrder(...args);
        synced.push(result);
        return result;
      },
    };
    const { server, handler, port } = await webhookServer(recording, 'wh-secret', 0);
    try {
      const body = JSON.stringify(sampleOrder());
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-wc-webhook-topic': 'order.updated',
          'x-wc-webhook-delivery-id': '1',
          'x-wc-webhook-signature': createHmac('sha256', 'wh-secret').update(body).digest('base64'),
        },
        body,
      });
      expect(response.status).toBe(202);
      await handler.whenIdle();
      expect(synced.map((r) => [r.orderId, r.ok])).toEqual([[727, true]]);
      expect(synced[0]?.steps.find((s) => s.step === 'note')?.status).toBe('ok');
    } finally {
      server.close();
      await handler.close();
    }
  });
});
