import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createMauticClient, MAUTIC_WOO_FIELDS, type WooCustomer } from '@mautic-woo/sync';
import { type FakeMauticServer, startFakeMautic } from '@mautic-woo/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CUSTOMER_TOPICS,
  createDeliveryProcessor,
  createFileQueue,
  createWebhookHandler,
  type Delivery,
  FileCustomerDirectory,
  MemoryCustomerDirectory,
  ORDER_TOPICS,
  PermanentDeliveryError,
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

  it('learns into the customerDirectory passed to the handler', async () => {
    const customerDirectory = new MemoryCustomerDirectory();
    const own = await tempDir();
    const withDirectory = createWebhookHandler({
      secret: 'whsec-test-0123456789',
      client: createMauticClient({ baseUrl: mautic.url, auth: { type: 'basic', username: 'api', password: 'pw' } }),
      queueDir: own.dir,
      topics: [...CUSTOMER_TOPICS],
      customerDirectory,
    });
    try {
      const registered = customer();
      const { body, headers } = signed(registered, { topic: 'customer.created', id: 'c-4' });
      expect((await withDirectory(new Request('http://localhost/', { method: 'POST', body, headers }))).status).toBe(
        202,
      );
      await withDirectory.whenIdle();
      expect(await customerDirectory.emailOf(registered.id)).toBe(registered.email);
    } finally {
      await withDirectory.close();
      await own.remove();
    }
  });

  it('orders still sync beside the customer topics', async () => {
    expect(await deliver(wooOrder(727), 'order.created', 'o-1')).toBe(202);
    await handler.whenIdle();
    expect(mautic.mautic.notes).toHaveLength(1);
  });
});

describe('a customer directory shared by processes', () => {
  // Each "process" has its own client and processor; only the directory is shared.
  const process = (customerDirectory: FileCustomerDirectory | MemoryCustomerDirectory) =>
    createDeliveryProcessor(
      createMauticClient({ baseUrl: mautic.url, auth: { type: 'basic', username: 'api', password: 'pw' } }),
      { customerDirectory },
    );
  const delivery = (topic: string, resourceId: number, payload: unknown): Delivery => ({
    id: `${topic}-${resourceId}`,
    topic,
    resourceId,
    modifiedAt: null,
    customerKey: null,
    payload,
    receivedAt: 1,
  });

  it('a customer.deleted taken by another process erases the contact, and the email is forgotten', async () => {
    const shared = new MemoryCustomerDirectory();
    const registered = customer();
    await process(shared)(delivery('customer.created', registered.id, registered));
    expect(mautic.mautic.contact(registered.email)).toBeDefined();

    const second = process(shared);
    await second(delivery('customer.deleted', registered.id, { id: registered.id }));
    expect(mautic.mautic.contact(registered.email)).toBeUndefined();
    expect(await shared.emailOf(registered.id)).toBeNull();

    // A late order from before the erasure is skipped, and does not put the email back.
    const late = { ...wooOrder(740, { email: registered.email }), customer_id: registered.id };
    await second(delivery('order.updated', 740, late));
    expect(mautic.mautic.contact(registered.email)).toBeUndefined();
    expect(await shared.emailOf(registered.id)).toBeNull();
  });

  it('the same customer.deleted again (a crash before the queue recorded it done) is done, not dead-lettered', async () => {
    const shared = new MemoryCustomerDirectory();
    const registered = customer();
    await process(shared)(delivery('customer.created', registered.id, registered));
    const deletion = delivery('customer.deleted', registered.id, { id: registered.id });
    await process(shared)(deletion);
    const requests = mautic.server.requests.length;
    await expect(process(shared)(deletion)).resolves.toBeUndefined();
    // Nothing asked of Mautic: there is no email to erase with, and nothing left to erase.
    expect(mautic.server.requests.length).toBe(requests);
    expect(mautic.mautic.contact(registered.email)).toBeUndefined();
  });

  it("an order's customer is erased after a restart, through the file directory, which then drops the email", async () => {
    const path = join(queue.dir, 'customers.ndjson');
    const order = { ...wooOrder(731, { email: 'ordered.once@example.com' }), customer_id: 58 };
    const before = new FileCustomerDirectory(path);
    await process(before)(delivery('order.created', 731, order));
    await before.close();
    expect(mautic.mautic.contact('ordered.once@example.com')).toBeDefined();

    const after = new FileCustomerDirectory(path);
    await process(after)(delivery('customer.deleted', 58, { id: 58 }));
    expect(mautic.mautic.contact('ordered.once@example.com')).toBeUndefined();
    expect(await after.emailOf(58)).toBeNull();
    await after.close();
    // The next open rewrites the file without the erased customer's email.
    const reopened = new FileCustomerDirectory(path);
    expect(await reopened.emailOf(58)).toBeNull();
    await reopened.close();
    expect(await readFile(path, 'utf8')).not.toContain('ordered.once');
  });

  it('a guest order (customer_id 0) is not remembered, and an unknown id is still dead-lettered, not guessed', async () => {
    const remembered: number[] = [];
    const shared = new (class extends MemoryCustomerDirectory {
      override remember(customerId: number, email: string) {
        remembered.push(customerId);
        return super.remember(customerId, email);
      }
    })();
    await process(shared)(delivery('order.created', 732, { ...wooOrder(732), customer_id: 0 }));
    await process(shared)(delivery('order.created', 733, { ...wooOrder(733), customer_id: 61 }));
    expect(remembered).toEqual([61]);
    const error = await process(shared)(delivery('customer.deleted', 77, { id: 77 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toContain('email is unknown here');
    expect(mautic.server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
  });
});
