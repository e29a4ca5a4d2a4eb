import { readFileSync } from 'node:fs';
import { createMauticClient, MAUTIC_WOO_FIELDS, type WooCustomer } from '@mautic-woo/sync';
import { type FakeMauticServer, startFakeMautic } from '@mautic-woo/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CUSTOMER_TOPICS,
  createDeliveryProcessor,
  createFileQueue,
  createWebhookHandler,
  ORDER_TOPICS,
  type WebhookHandler,
} from '../src';
import { signed, tempDir, wooOrder } from './helpers';

// Customers from WooCommerce's own REST docs; the real client against the stateful fake Mautic.
const customer = (): WooCustomer =>
  (
    JSON.parse(
      readFileSync(new URL('../../testkit/fixtures/woocommerce/customers-list.docs.json', import.meta.url), 'utf8'),
    ) as WooCustomer[]
  )[0] as WooCustomer;

let mautic: FakeMauticServer;
let queue: Awaited<ReturnType<typeof tempDir>>;
let handler: WebhookHandler;
beforeEach(async () => {
  mautic = await startFakeMautic({ fields: MAUTIC_WOO_FIELDS.map((field) => field.alias) });
  queue = await tempDir();
  const client = createMauticClient({ baseUrl: mautic.url, auth: { type: 'basic', username: 'api', password: 'pw' } });
  handler = createWebhookHandler({
    secret: 'whsec-test-0123456789',
    client,
    queueDir: queue.dir,
    topics: [...ORDER_TOPICS, ...CUSTOMER_TOPICS],
    syncOptions: { note: true },
  });
});
afterEach(async () => {
  await handler.close();
  await mautic.close();
  await queue.remove();
});

async function deliver(payload: unknown, topic: string, id: string): Promise<number> {
  const { body, headers } = signed(payload, { topic, id });
  const response = await handler(new Request('http://localhost/', { method: 'POST', body, headers }));
  return response.status;
}

describe('customer topics', () => {
  it('customer.created makes a contact tagged customer; customer.deleted erases it by the email it learnt', async () => {
    const registered = customer();
    expect(await deliver(registered, 'customer.created', 'c-1')).toBe(202);
    await handler.whenIdle();
    const contact = mautic.mautic.contact(registered.email);
    expect(contact?.tags.has('customer')).toBe(true);

    // WooCommerce sends only the id when a customer is deleted.
    expect(await deliver({ id: registered.id }, 'customer.deleted', 'c-2')).toBe(202);
    await handler.whenIdle();
    expect(mautic.mautic.contact(registered.email)).toBeUndefined();
  });

  it('a customer.deleted whose email this process never saw is dead-lettered at once, not guessed', async () => {
    // A queue of its own, so the test can read its dead letters.
    const client = createMauticClient({
      baseUrl: mautic.url,
      auth: { type: 'basic', username: 'api', password: 'pw' },
    });
    const own = await tempDir();
    const fileQueue = createFileQueue({ dir: own.dir, process: createDeliveryProcessor(client), logger: {} });
    const withQueue = createWebhookHandler({
      secret: 'whsec-test-0123456789',
      queue: fileQueue,
      topics: [...CUSTOMER_TOPICS],
    });
    try {
      const { body, headers } = signed({ id: 9999 }, { topic: 'customer.deleted', id: 'c-3' });
      expect((await withQueue(new Request('http://localhost/', { method: 'POST', body, headers }))).status).toBe(202);
      await withQueue.whenIdle();
      const dead = await fileQueue.listDeadLetters();
      expect(dead.map((letter) => [letter.id, letter.topic, letter.resourceId, letter.attempts])).toEqual([
        ['c-3', 'customer.deleted', 9999, 1],
      ]);
      expect(dead[0]?.error).toContain('email is unknown here');
      expect(mautic.server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    } finally {
      await withQueue.close();
      await fileQueue.close();
      await own.remove();
    }
  });

  it('orders still sync beside the customer topics', async () => {
    expect(await deliver(wooOrder(727), 'order.created', 'o-1')).toBe(202);
    await handler.whenIdle();
    expect(mautic.mautic.notes).toHaveLength(1);
  });
});
