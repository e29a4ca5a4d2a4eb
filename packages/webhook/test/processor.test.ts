import type { MauticClient, SyncOrderResult } from '@mautic-woo/sync';
import { describe, expect, it } from 'vitest';
import { createDeliveryProcessor, createWebhookHandler, PermanentDeliveryError, WebhookConfigError } from '../src';
import { fakeClient, SECRET, sign, wooOrder } from './helpers';

const delivery = (topic = 'order.updated') => ({
  id: 'd-1',
  topic,
  resourceId: 727,
  modifiedAt: null,
  customerKey: 'customer-727@example.com',
  payload: wooOrder(727),
  receivedAt: 1,
});

describe('createDeliveryProcessor', () => {
  it('syncs the order with the sync options and the queue signal', async () => {
    const fake = fakeClient();
    const signal = new AbortController().signal;
    await createDeliveryProcessor(fake.client, { note: true })(delivery(), { signal });
    expect(fake.calls[0]?.order.id).toBe(727);
    expect(fake.calls[0]?.options).toEqual({ note: true, signal });
  });

  it('throws when a note or email failed, so the queue retries it', async () => {
    const client: Pick<MauticClient, 'syncOrder'> = {
      syncOrder: async () =>
        ({
          ok: false,
          orderId: 727,
          steps: [
            { step: 'contact', status: 'ok' },
            { step: 'email', status: 'failed' },
          ],
        }) as unknown as SyncOrderResult,
    };
    await expect(createDeliveryProcessor(client)(delivery())).rejects.toThrow('order 727: email failed');
  });

  it('refuses a topic it has no workflow for as permanent', async () => {
    await expect(createDeliveryProcessor(fakeClient().client)(delivery('customer.created'))).rejects.toBeInstanceOf(
      PermanentDeliveryError,
    );
  });
});

describe('createWebhookHandler options', () => {
  const client = fakeClient().client;
  it.each([
    [{ secret: '', client }, /secret is required/],
    [{ secret: SECRET }, /client is required/],
    [{ secret: SECRET, client, maxBodyBytes: 0 }, /maxBodyBytes/],
    [{ secret: SECRET, client, topics: ['product.created'] }, /no processor for product\.created/],
  ])('refuses %j before anything runs', (options, message) => {
    expect(() => createWebhookHandler(options)).toThrow(WebhookConfigError);
    expect(() => createWebhookHandler(options)).toThrow(message);
  });
});

describe('the build for runtimes without a file system', () => {
  it('asks for a queue instead of creating the file queue, and works with one', async () => {
    const edge = await import('../src/edge');
    const client = fakeClient().client;
    expect(() => edge.createWebhookHandler({ secret: SECRET, client })).toThrow(/no file system.*pass `queue`/);
    expect(() => edge.createFileQueue()).toThrow(edge.WebhookConfigError);
    expect(() => new edge.FileCustomerDirectory()).toThrow(edge.WebhookConfigError);
    await new edge.MemoryCustomerDirectory().remember(1, 'jane@example.com');
    const stored: string[] = [];
    const queue = {
      enqueue: async (d: { id: string }) => {
        stored.push(d.id);
        return 'accepted' as const;
      },
      whenIdle: async () => {},
      close: async () => {},
    };
    const handler = edge.createWebhookHandler({ secret: SECRET, queue });
    const body = JSON.stringify(wooOrder(727));
    const response = await handler(
      new Request('https://worker.example.com/', {
        method: 'POST',
        body,
        headers: {
          'x-wc-webhook-topic': 'order.created',
          'x-wc-webhook-signature': sign(body),
          'x-wc-webhook-delivery-id': 'w-1',
        },
      }),
    );
    expect(response.status).toBe(202);
    expect(stored).toEqual(['w-1']);
  });
});
