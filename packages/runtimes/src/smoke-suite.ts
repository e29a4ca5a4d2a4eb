import { readFileSync } from 'node:fs';
import { type FakeMauticServer, mauticBodies, startFakeMautic } from '@mautic-woo/testkit';
import { afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { type Plan, runScenario } from './run-scenario';
import type { Runtime } from './runtimes';

/**
 * The runtime smoke suite: the published client on one runtime (a child process) against a
 * scripted fake Mautic in this process. Each test asserts on what Mautic received and holds,
 * which is where a request resent beneath the client shows.
 */

const basic = { type: 'basic', username: 'api', password: 'smoke-password' };
const quickRetries = { baseDelayMs: 1, maxDelayMs: 5 };
/** OAuth2 with an access token Mautic will call expired, and the refresh token that renews it. */
const expiredOAuth2 = {
  auth: { type: 'oauth2', clientId: 'id', clientSecret: 'secret', accessToken: 'access-1', refreshToken: 'refresh-1' },
  retryDelays: quickRetries,
} as const;
const EMAIL_ID = 12;
const template = JSON.parse(
  readFileSync(new URL('../../testkit/fixtures/woocommerce/order-created.docs.json', import.meta.url), 'utf8'),
);

/** Completed orders with distinct ids, spread over `customers` emails. */
export function makeOrders(count: number, customers: number) {
  return Array.from({ length: count }, (_, i) => ({
    ...template,
    id: 20_000 + i,
    number: String(20_000 + i),
    status: 'completed',
    billing: { ...template.billing, email: `customer-${i % customers}@example.com` },
  }));
}

/** Mautic applies the request, then the connection drops before it answers. */
function applyThenReset(fake: FakeMauticServer, method: string, path: string) {
  fake.fail(method, path, async (request, mautic) => {
    await mautic.handle(request);
    return { reset: true };
  });
}

const counts = (map: Map<number, number>) => [...new Set(map.values())];

export function defineRuntimeSuite(runtime: Runtime): void {
  describe(runtime.name, () => {
    let consumerDir: string;
    let fake: FakeMauticServer | undefined;
    const start = async () => {
      fake = await startFakeMautic();
      return fake;
    };
    const run = (server: FakeMauticServer, plan: Plan) => runScenario(runtime, consumerDir, server, plan);

    beforeAll(() => {
      consumerDir = inject('consumerDir');
      runtime.binary();
    });
    afterEach(async () => {
      await fake?.close();
      fake = undefined;
    });

    test('a read reset twice is retried by the client and then answered', async () => {
      const server = await start();
      let resets = 0;
      // testConnection makes one attempt by design; a read of a contact is retried.
      server.server.route('GET', '/api/contacts/:id', () =>
        resets++ < 2 ? { reset: true } : { json: { contact: { id: 7, fields: { all: { id: 7 } } } } },
      );
      const result = await run(server, {
        options: { auth: basic, maxRetries: 2, retryDelays: quickRetries },
        run: 'getContact',
        args: { contactId: 7 },
      });
      expect(result.error).toBeUndefined();
      expect(server.server.received('GET', '/api/contacts/:id')).toHaveLength(3);
    });

    test('a read with maxRetries 0 that is reset is sent once, after a read that left its connection open', async () => {
      const server = await start();
      server.server.route('GET', '/api/contacts/:id', { reset: true });
      const result = await run(server, {
        options: { auth: basic, maxRetries: 0 },
        run: 'readAfterRead',
        args: { contactId: 7 },
      });
      expect(result.error?.name).toBe('MauticConnectionError');
      expect(server.server.received('GET', '/api/contacts/:id')).toHaveLength(1);
    });

    test('a note and an email Mautic applied before the connection dropped are each sent once', async () => {
      const server = await start();
      applyThenReset(server, 'POST', '/api/notes/new');
      applyThenReset(server, 'POST', '/api/emails/:emailId/contact/:contactId/send');
      const orders = makeOrders(5, 5);
      const result = await run(server, {
        options: { auth: basic, maxRetries: 2, retryDelays: quickRetries },
        run: 'syncOrder',
        args: { orders, options: { note: true, emailOnStatus: { completed: EMAIL_ID } } },
      });
      expect(result.error).toBeUndefined();
      expect(server.mautic.notesByOrder.size).toBe(5);
      expect(counts(server.mautic.notesByOrder)).toEqual([1]);
      expect(server.mautic.emailsByOrder.size).toBe(5);
      expect(counts(server.mautic.emailsByOrder)).toEqual([1]);
      // The client reports each as failed after it was sent, so nobody resends it blindly.
      const steps = (result.value as Array<{ steps: Array<{ step: string; status: string; error?: unknown }> }>)
        .flatMap((order) => order.steps)
        .filter((step) => step.step === 'note' || step.step === 'email');
      expect(steps).toHaveLength(10);
      for (const step of steps) {
        expect(step).toMatchObject({ status: 'failed', error: { name: 'MauticConnectionError', requestSent: true } });
      }
    });

    test('a note answer larger than maxResponseBytes fails that step as too large; the next order still syncs', async () => {
      const server = await start();
      // A note create is a one-shot request: on Deno it has a connection of its own, closed once read.
      let notes = 0;
      server.fail('POST', '/api/notes/new', async (request, mautic) => {
        if (notes++ > 0) return undefined;
        await mautic.handle(request);
        return { body: JSON.stringify({ note: { id: 1, text: 'x'.repeat(100_000) } }) };
      });
      const orders = makeOrders(2, 2);
      const result = await run(server, {
        options: { auth: basic, maxResponseBytes: 20_000 },
        run: 'syncOrder',
        args: { orders, options: { note: true } },
      });
      expect(result.error).toBeUndefined();
      const notesOf = (
        result.value as Array<{ steps: Array<{ step: string; status: string; error?: { name?: string } }> }>
      ).map((order) => order.steps.find((step) => step.step === 'note'));
      expect(notesOf.map((step) => [step?.status, step?.error?.name])).toEqual([
        ['failed', 'MauticResponseTooLargeError'],
        ['ok', undefined],
      ]);
    });

    test('OAuth2: a 401 refreshes the token once and the call is replayed with the new one', async () => {
      const server = await start();
      server.fail('GET', '/api/contacts', (request) =>
        request.headers.authorization === 'Bearer access-2'
          ? undefined
          : { status: 401, json: mauticBodies.expiredToken() },
      );
      server.server.route('POST', '/oauth/v2/token', (request) => {
        const form = request.body as Record<string, string>;
        return form.grant_type === 'refresh_token' && form.refresh_token === 'refresh-1'
          ? { json: mauticBodies.token('access-2', 'refresh-2') }
          : { status: 400, json: { error: 'invalid_grant' } };
      });
      const result = await run(server, {
        options: expiredOAuth2,
        run: 'testConnection',
      });
      expect(result.error).toBeUndefined();
      expect(result.tokens).toEqual(['access-2']);
      expect(server.server.received('POST', '/oauth/v2/token')).toHaveLength(1);
      expect(server.server.received('GET', '/api/contacts').map((r) => r.headers.authorization)).toEqual([
        'Bearer access-1',
        'Bearer access-2',
      ]);
    });

    test('OAuth2: a refresh grant Mautic applied before the connection dropped is sent once', async () => {
      const server = await start();
      server.fail('GET', '/api/contacts', () => ({ status: 401, json: mauticBodies.expiredToken() }));
      // Mautic rotates the refresh token and then the answer is lost: sending it again would fail anyway.
      server.server.route('POST', '/oauth/v2/token', { reset: true });
      const result = await run(server, {
        options: expiredOAuth2,
        run: 'testConnection',
      });
      expect(result.ok).toBe(false);
      expect(server.server.received('POST', '/oauth/v2/token')).toHaveLength(1);
    });

    test('a backfill of 50 orders writes 30 contacts, 50 notes and 50 emails', async () => {
      const server = await start();
      const result = await run(server, {
        options: { auth: basic, retryDelays: quickRetries },
        run: 'syncOrders',
        args: {
          orders: makeOrders(50, 30),
          options: { concurrency: 4, note: true, emailOnStatus: { completed: EMAIL_ID } },
        },
      });
      expect(result.value).toEqual({ total: 50, ok: 50, failed: 0 });
      expect(server.mautic.contacts).toHaveLength(30);
      expect(server.mautic.duplicateContacts()).toEqual([]);
      expect(server.mautic.notesByOrder.size).toBe(50);
      expect(counts(server.mautic.notesByOrder)).toEqual([1]);
      expect(server.mautic.emailsByOrder.size).toBe(50);
      expect(counts(server.mautic.emailsByOrder)).toEqual([1]);
    });
  });
}
