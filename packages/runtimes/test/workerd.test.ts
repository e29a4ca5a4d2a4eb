import { type FakeMauticServer, startFakeMautic } from '@mautic-woo/testkit';
import { afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { EXPECTED_ANSWERS, signedDelivery, webhookTraffic } from '../src/deliveries';
import { makeOrders } from '../src/smoke-suite';
import { acknowledged, bundleWorker, runWorker } from '../src/workerd';

describe('workerd', () => {
  let bundle: string;
  let fake: FakeMauticServer | undefined;

  beforeAll(async () => {
    bundle = await bundleWorker(inject('consumerDir'));
  });
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  test('a request to the worker comes out as the contact write in Mautic', async () => {
    fake = await startFakeMautic();
    const result = await runWorker(bundle, fake, [
      { path: '/contacts', body: { email: 'Ada@Example.com', firstname: 'Ada', tags: ['workerd'] } },
    ]);
    expect(result.value).toMatchObject([{ status: 200, body: { created: true } }]);
    const contact = fake.mautic.contact('ada@example.com');
    expect(contact?.values).toMatchObject({ firstname: 'Ada' });
    expect([...(contact?.tags ?? [])]).toEqual(['workerd']);
  });

  test('a read with maxRetries 0 that is reset is sent once, after a read that left its connection open', async () => {
    fake = await startFakeMautic();
    fake.server.route('GET', '/api/contacts/:id', { reset: true });
    const result = await runWorker(bundle, fake, [{ path: '/read-after-read?maxRetries=0', body: { contactId: 7 } }]);
    expect(result.value).toMatchObject([{ status: 502, body: { name: 'MauticConnectionError' } }]);
    expect(fake.server.received('GET', '/api/contacts/:id')).toHaveLength(1);
  });

  test('a note Mautic applied before the connection dropped is sent once', async () => {
    fake = await startFakeMautic();
    fake.fail('POST', '/api/notes/new', async (request, mautic) => {
      await mautic.handle(request);
      return { reset: true };
    });
    const orders = makeOrders(3, 3);
    const result = await runWorker(
      bundle,
      fake,
      orders.map((order) => ({ path: '/orders', body: order })),
    );
    expect(fake.mautic.notesByOrder.size).toBe(3);
    expect([...new Set(fake.mautic.notesByOrder.values())]).toEqual([1]);
    const notes = (result.value as Array<{ body: Array<{ step: string }> }>).flatMap((a) =>
      a.body.filter((s) => s.step === 'note'),
    );
    expect(notes).toHaveLength(3);
    for (const note of notes) {
      expect(note).toMatchObject({ status: 'failed', error: { name: 'MauticConnectionError', requestSent: true } });
    }
  });

  test('a signed delivery is queued on a Cloudflare Queue (202) and its consumer writes the contact once; a bad signature, a replay and an older state are not', async () => {
    fake = await startFakeMautic();
    const { order, requests } = webhookTraffic();
    const result = await runWorker(
      bundle,
      fake,
      requests.map((request) => ({ path: '/woocommerce', ...request })),
      { settled: acknowledged(fake, 'delivery-2') },
    );
    expect(result.value).toMatchObject(EXPECTED_ANSWERS);
    expect(fake.mautic.contact(order.billing.email)).toBeDefined();
    expect(fake.server.received('POST', '/api/contacts/new')).toHaveLength(1);
    expect(fake.mautic.notesByOrder.get(order.id)).toBe(1);
  });

  test('a delivery whose note Mautic refused (503) is retried by the queue, and the note is sent again and lands once', async () => {
    fake = await startFakeMautic();
    const [order] = makeOrders(1, 1);
    let notes = 0;
    fake.fail('POST', '/api/notes/new', () =>
      notes++ === 0 ? { status: 503, body: 'Service Unavailable' } : undefined,
    );
    const result = await runWorker(bundle, fake, [{ path: '/woocommerce', ...signedDelivery(order, 'delivery-1') }], {
      settled: acknowledged(fake, 'delivery-1'),
    });
    expect(result.value).toMatchObject([{ status: 202, outcome: 'accepted' }]);
    // The client never resends a note itself: the second one is the queue's retry of the delivery.
    expect(fake.server.received('POST', '/api/notes/new')).toHaveLength(2);
    expect(fake.mautic.notesByOrder.get(order.id)).toBe(1);
    expect(fake.mautic.contacts).toHaveLength(1);
  });

  test('a note Mautic applied but never answered (timeout) is not sent again by the queue retry: step ledger on D1', async () => {
    fake = await startFakeMautic();
    const [order] = makeOrders(1, 1);
    let notes = 0;
    fake.fail('POST', '/api/notes/new', async (request, mautic) => {
      await mautic.handle(request);
      return notes++ === 0 ? { hang: true } : undefined;
    });
    const result = await runWorker(bundle, fake, [{ path: '/woocommerce', ...signedDelivery(order, 'delivery-1') }], {
      settled: acknowledged(fake, 'delivery-1'),
      // The hang is the fault; the client's timeout turns it into MauticTimeoutError (likely applied).
      bindings: { MAUTIC_TIMEOUT_MS: '3000' },
    });
    expect(result.value).toMatchObject([{ status: 202, outcome: 'accepted' }]);
    // The first attempt failed and the queue retried it (created, then updated the contact); the
    // retry read the D1 ledger (the note most likely landed) and skipped the note.
    expect(fake.server.received('POST', '/api/contacts/new')).toHaveLength(1);
    expect(fake.server.received('PATCH', '/api/contacts/:id/edit')).toHaveLength(1);
    expect(fake.server.received('POST', '/api/notes/new')).toHaveLength(1);
    expect(fake.mautic.notesByOrder.get(order.id)).toBe(1);
  });
});
