import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookHandler, type Delivery, type WebhookHandler } from '../src';
import {
  fakeClient,
  fetchTransport,
  gate,
  nodeTransport,
  SECRET,
  sign,
  signed,
  type Transport,
  tempDir,
  wooOrder,
} from './helpers';

const transports = [
  ['the fetch API', async (handler: WebhookHandler) => fetchTransport(handler)],
  ['node:http (toNodeListener)', nodeTransport],
] as const;

describe.each(transports)('webhook handler under %s', (_name, connect) => {
  let fake: ReturnType<typeof fakeClient>;
  let handler: WebhookHandler;
  let transport: Transport;
  let cleanup: () => Promise<void>;
  let lines: string[];

  const setUp = async (behave?: Parameters<typeof fakeClient>[0]) => {
    const { dir, remove } = await tempDir();
    fake = fakeClient(behave);
    lines = [];
    const logger = {
      info: (message: string) => lines.push(message),
      warn: (message: string) => lines.push(message),
      error: (message: string) => lines.push(message),
    };
    handler = createWebhookHandler({
      secret: SECRET,
      client: fake.client,
      queueDir: dir,
      maxBodyBytes: 64_000,
      syncOptions: { note: true, emailOnStatus: { completed: 12 } },
      logger,
    });
    transport = await connect(handler);
    cleanup = async () => {
      await transport.close();
      await handler.close();
      await remove();
    };
  };

  beforeEach(() => setUp());
  afterEach(async () => {
    await cleanup();
    // Nothing a handler logs may carry a customer's email or the secret.
    for (const line of lines) expect(line).not.toMatch(/@example\.com|whsec/);
  });

  const send = (delivery: { body: string; headers: Record<string, string> }) =>
    transport.send({ body: delivery.body, headers: delivery.headers });

  it('answers 202 to a signed order and syncs it with the sync options', async () => {
    const response = await send(signed(wooOrder(727), { id: 'd-1', topic: 'order.created' }));
    expect(response.status).toBe(202);
    expect(response.headers.get('x-mautic-woo-outcome')).toBe('accepted');
    expect(await response.json()).toEqual({ accepted: true, delivery: 'd-1' });
    await handler.whenIdle();
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.order).toMatchObject({ id: 727, billing: { email: 'customer-727@example.com' } });
    expect(fake.calls[0]?.options).toMatchObject({ note: true, emailOnStatus: { completed: 12 } });
  });

  it('answers 202 before Mautic has answered', async () => {
    await cleanup();
    const mautic = gate();
    const called = gate();
    await setUp(() => {
      called.open();
      return mautic.opened;
    });
    const response = await send(signed(wooOrder(727), { id: 'd-slow' }));
    expect(response.status).toBe(202);
    await called.opened;
    expect(fake.calls).toHaveLength(1);
    mautic.open();
    await handler.whenIdle();
  });

  it('answers 401 to a body that does not match its signature', async () => {
    const delivery = signed(wooOrder(727), { id: 'd-bad' });
    const tampered = delivery.body.replace('customer-727@example.com', 'eve@example.com');
    const response = await transport.send({ body: tampered, headers: delivery.headers });
    expect(response.status).toBe(401);
    const other = await send({
      ...delivery,
      headers: { ...delivery.headers, 'x-wc-webhook-signature': sign(delivery.body, 'other') },
    });
    expect(other.status).toBe(401);
    await handler.whenIdle();
    expect(fake.calls).toHaveLength(0);
  });

  it('answers 401 to an order with no signature, or one that is not base64 of 32 bytes', async () => {
    const delivery = signed(wooOrder(727), { id: 'd-unsigned' });
    const { 'x-wc-webhook-signature': _, ...unsigned } = delivery.headers;
    expect((await send({ ...delivery, headers: unsigned })).status).toBe(401);
    const short = await send({ ...delivery, headers: { ...delivery.headers, 'x-wc-webhook-signature': 'abc' } });
    expect(short.status).toBe(401);
    expect(await short.json()).toEqual({ error: 'bad or missing signature' });
    await handler.whenIdle();
    expect(fake.calls).toHaveLength(0);
  });

  it('answers 413 to a body over the limit, stored nowhere', async () => {
    const order = { ...wooOrder(727), customer_note: 'x'.repeat(100_000) };
    const response = await send(signed(order, { id: 'd-big' }));
    expect(response.status).toBe(413);
    await handler.whenIdle();
    expect(fake.calls).toHaveLength(0);
  });

  it('answers 413 to a streamed body that grows over the limit without a content-length', async () => {
    const chunk = new TextEncoder().encode('y'.repeat(10_000));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await transport.send({ body, headers: { 'x-wc-webhook-topic': 'order.created' } });
    expect(response.status).toBe(413);
  });

  it('answers 400 to a signed body that is not JSON, and to JSON that is not an order', async () => {
    const broken = '{"id": 727,';
    const headers = { 'x-wc-webhook-topic': 'order.updated', 'x-wc-webhook-signature': sign(broken) };
    const response = await transport.send({ body: broken, headers });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'body is not valid JSON' });
    const notOrder = await send(signed([1, 2], { id: 'd-array' }));
    expect(notOrder.status).toBe(400);
    await handler.whenIdle();
    expect(fake.calls).toHaveLength(0);
  });

  it("answers WooCommerce's ping with 200 and syncs nothing", async () => {
    const response = await transport.send({
      body: 'webhook_id=15',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, ping: true });
    await handler.whenIdle();
    expect(fake.calls).toHaveLength(0);
  });

  it('acknowledges a topic it does not sync with 200 and says why', async () => {
    const response = await send(signed(wooOrder(727), { id: 'd-deleted', topic: 'order.deleted' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-mautic-woo-outcome')).toBe('ignored');
    expect(response.headers.get('x-mautic-woo-ignored')).toBe('topic order.deleted is not synced by this handler');
    await handler.whenIdle();
    expect(fake.calls).toHaveLength(0);
  });

  it('answers a replayed delivery id with 200 and syncs it once', async () => {
    const delivery = signed(wooOrder(727), { id: 'd-replayed' });
    const answers = await Promise.all([send(delivery), send(delivery), send(delivery)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 202]);
    const again = await send(delivery);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    await handler.whenIdle();
    expect(fake.calls).toHaveLength(1);
  });

  it('answers a delivery older than one already accepted for the order with 200 and skips it', async () => {
    const newer = signed(wooOrder(727, { status: 'completed', modified: '2026-11-30T10:05:00' }), { id: 'd-new' });
    const older = signed(wooOrder(727, { status: 'processing', modified: '2026-11-30T10:00:00' }), { id: 'd-old' });
    expect((await send(newer)).status).toBe(202);
    const stale = await send(older);
    expect(stale.status).toBe(200);
    expect(stale.headers.get('x-mautic-woo-outcome')).toBe('stale');
    await handler.whenIdle();
    expect(fake.calls.map((c) => c.order.status)).toEqual(['completed']);
  });

  it('answers 405 to anything but POST', async () => {
    const response = await transport.send({ method: 'GET' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('answers 503 once closed, so WooCommerce resends', async () => {
    await handler.close();
    const response = await send(signed(wooOrder(727), { id: 'd-late' }));
    expect(response.status).toBe(503);
  });
});

describe('reading the body', () => {
  it('stops reading a streamed body at the limit', async () => {
    const { dir, remove } = await tempDir();
    const handler = createWebhookHandler({
      secret: SECRET,
      client: fakeClient().client,
      queueDir: dir,
      maxBodyBytes: 25_000,
    });
    const chunk = new TextEncoder().encode('y'.repeat(10_000));
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(chunk);
      },
    });
    const response = await fetchTransport(handler).send({ body });
    expect(response.status).toBe(413);
    // An endless body: reading stopped soon after the limit instead of buffering it.
    expect(pulled).toBeLessThan(6);
    await handler.close();
    await remove();
  });
});

describe('durability before the answer', () => {
  it('does not answer until the queue has stored the delivery', async () => {
    const stored = gate();
    const asked = gate();
    const queue = {
      enqueue: async (_delivery: Delivery) => {
        asked.open();
        await stored.opened;
        return 'accepted' as const;
      },
      whenIdle: async () => {},
      close: async () => {},
    };
    const handler = createWebhookHandler({ secret: SECRET, queue });
    let answered = false;
    const response = fetchTransport(handler)
      .send(signed(wooOrder(727), { id: 'd-durable' }))
      .then((r) => {
        answered = true;
        return r;
      });
    await asked.opened;
    expect(answered).toBe(false);
    stored.open();
    expect((await response).status).toBe(202);
  });

  it('answers 503 when the queue cannot store it, so WooCommerce resends', async () => {
    const queue = {
      enqueue: async () => {
        throw new Error('ENOSPC: no space left on device');
      },
      whenIdle: async () => {},
      close: async () => {},
    };
    const handler = createWebhookHandler({ secret: SECRET, queue });
    const response = await fetchTransport(handler).send(signed(wooOrder(727), { id: 'd-full' }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
  });
});
