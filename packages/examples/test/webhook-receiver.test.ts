import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAUTIC_WOO_FIELDS } from '@mautic-woo/sync';
import { mauticBodies, type ScriptedServer, startScriptedServer } from '@mautic-woo/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleOrder } from '../src/sample-data';
import {
  createWebhookReceiver,
  signatureMatches,
  type WebhookOutcome,
  type WebhookReceiver,
} from '../src/webhook-receiver';
import { mockClient } from './helpers';

const SECRET = 'whsec-test-0123456789';
const sign = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('base64');

let mautic: ScriptedServer;
let receiver: WebhookReceiver;
let url: string;
let outcomes: WebhookOutcome[];

function allFields() {
  return mauticBodies.fieldList(MAUTIC_WOO_FIELDS.map((f, i) => ({ id: 100 + i, alias: f.alias })));
}

beforeAll(async () => {
  mautic = await startScriptedServer();
  mautic
    .route('GET', '/api/fields/contact', { json: allFields() })
    .route('GET', '/api/contacts', { json: mauticBodies.contactList([]) })
    .route('POST', '/api/contacts/new', (req) => ({
      status: 201,
      json: mauticBodies.contactResponse(501, { email: (req.body as { email: string }).email }),
    }));
  receiver = createWebhookReceiver({
    secret: SECRET,
    client: mockClient(mautic.url),
    maxBodyBytes: 64_000,
    onResult: (outcome) => {
      outcomes.push(outcome);
    },
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await mautic?.close();
});

beforeEach(() => {
  mautic.requests.length = 0;
  outcomes = [];
});

function deliver(body: string, headers: Record<string, string>, method = 'POST') {
  return fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(method === 'POST' ? { body } : {}),
  });
}

describe('webhook receiver', () => {
  it('answers 202 to a signed order, then writes its contact to Mautic', async () => {
    const body = JSON.stringify(sampleOrder());
    const response = await deliver(body, {
      'x-wc-webhook-topic': 'order.created',
      'x-wc-webhook-signature': sign(body),
      'x-wc-webhook-delivery-id': 'd-1',
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: true, order: 727 });
    await receiver.whenIdle();
    const created = mautic.received('POST', '/api/contacts/new');
    expect(created).toHaveLength(1);
    expect(created[0]?.body).toMatchObject({ email: 'john.doe@example.com', firstname: 'John', city: 'San Francisco' });
    expect(outcomes).toMatchObject([{ ok: true, topic: 'order.created', deliveryId: 'd-1', orderId: 727 }]);
  });

  it('answers 401 to a tampered body and sends nothing to Mautic', async () => {
    const body = JSON.stringify(sampleOrder());
    const tampered = body.replace('john.doe@example.com', 'eve@example.com');
    const response = await deliver(tampered, {
      'x-wc-webhook-topic': 'order.created',
      'x-wc-webhook-signature': sign(body),
    });
    expect(response.status).toBe(401);
    await receiver.whenIdle();
    expect(mautic.requests).toHaveLength(0);
  });

  it('answers 401 to an unsigned order and to one signed with another secret', async () => {
    const body = JSON.stringify(sampleOrder());
    expect((await deliver(body, { 'x-wc-webhook-topic': 'order.created' })).status).toBe(401);
    const wrong = await deliver(body, {
      'x-wc-webhook-topic': 'order.created',
      'x-wc-webhook-signature': sign(body, 'other'),
    });
    expect(wrong.status).toBe(401);
    const short = await deliver(body, { 'x-wc-webhook-topic': 'order.created', 'x-wc-webhook-signature': 'abc' });
    expect(short.status).toBe(401);
    expect(mautic.requests).toHaveLength(0);
  });

  it("acknowledges WooCommerce's ping with 200", async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'webhook_id=15',
    });
    expect(response.status).toBe(200);
    expect(mautic.requests).toHaveLength(0);
  });

  it('answers 413 to a body over the limit', async () => {
    const body = JSON.stringify({ ...sampleOrder(), customer_note: 'x'.repeat(100_000) });
    const response = await deliver(body, {
      'x-wc-webhook-topic': 'order.created',
      'x-wc-webhook-signature': sign(body),
    });
    expect(response.status).toBe(413);
    expect(mautic.requests).toHaveLength(0);
  });

  it('answers 413 to a chunked body that grows over the limit, without a content-length', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'x-wc-webhook-topic': 'order.created' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write('y'.repeat(10_000));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('answers 405 to a GET and 400 to signed invalid JSON', async () => {
    expect((await deliver('', {}, 'GET')).status).toBe(405);
    const broken = '{"id": 727,';
    const response = await deliver(broken, {
      'x-wc-webhook-topic': 'order.updated',
      'x-wc-webhook-signature': sign(broken),
    });
    expect(response.status).toBe(400);
    expect(mautic.requests).toHaveLength(0);
  });

  it('reports a failed sync to onResult and keeps serving', async () => {
    const order = { ...sampleOrder(), billing: { ...sampleOrder().billing, email: 'not-an-email' } };
    const body = JSON.stringify(order);
    const response = await deliver(body, {
      'x-wc-webhook-topic': 'order.updated',
      'x-wc-webhook-signature': sign(body),
    });
    expect(response.status).toBe(202);
    await receiver.whenIdle();
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ ok: false, orderId: 727 });
    expect(String((outcomes[0] as { error: unknown }).error)).toMatch(/billing email|not a valid email/);
    expect((await deliver('', {}, 'GET')).status).toBe(405);
  });

  it('compares signatures exactly', () => {
    const raw = Buffer.from('{"id":1}');
    expect(signatureMatches(raw, 's', sign('{"id":1}', 's'))).toBe(true);
    expect(signatureMatches(raw, 's', null)).toBe(false);
    expect(signatureMatches(raw, 's', `${sign('{"id":1}', 's')}x`)).toBe(false);
  });
});
