import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MauticClient, SyncOrderOptions, SyncOrderResult, WooOrder } from '@mautic-woo/sync';
import createdOrder from '../../testkit/fixtures/woocommerce/order-created.docs.json' with { type: 'json' };
import { toNodeListener } from '../src';

export const SECRET = 'whsec-test-0123456789';

export const sign = (body: string | Buffer, secret = SECRET) =>
  createHmac('sha256', secret).update(body).digest('base64');

/** WooCommerce's own order 727, with another id, customer, status or modification date. */
export function wooOrder(id = 727, options: { email?: string; status?: string; modified?: string } = {}): WooOrder {
  const order = structuredClone(createdOrder) as unknown as WooOrder;
  return {
    ...order,
    id,
    status: options.status ?? 'processing',
    billing: { ...order.billing, email: options.email ?? `customer-${id}@example.com` },
    date_modified_gmt: options.modified ?? '2026-11-30T10:00:00',
  };
}

export interface SignedDelivery {
  body: string;
  headers: Record<string, string>;
}

/** What WooCommerce sends for one order webhook. */
export function signed(payload: unknown, options: { topic?: string; id?: string } = {}): SignedDelivery {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-wc-webhook-topic': options.topic ?? 'order.updated',
    'x-wc-webhook-signature': sign(body),
    'x-wc-webhook-source': 'https://shop.example.com/',
  };
  if (options.id !== undefined) headers['x-wc-webhook-delivery-id'] = options.id;
  return { body, headers };
}

/** A way to reach a handler: called directly with a Request, or over node:http through toNodeListener. */
export interface Transport {
  url: string;
  send(init: { method?: string; body?: BodyInit; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export function fetchTransport(handler: (request: Request) => Promise<Response>): Transport {
  const url = 'http://shop-hooks.example.com/webhook';
  return {
    url,
    send: ({ method = 'POST', body, headers }) =>
      handler(new Request(url, { method, body, headers, duplex: 'half' } as RequestInit)),
    close: async () => {},
  };
}

export async function nodeTransport(handler: (request: Request) => Promise<Response>): Promise<Transport> {
  const server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  return {
    url,
    send: ({ method = 'POST', body, headers }) => fetch(url, { method, body, headers, duplex: 'half' } as RequestInit),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type SyncCall = { order: WooOrder; options: SyncOrderOptions | undefined };

function result(order: WooOrder): SyncOrderResult {
  return {
    orderId: order.id,
    email: order.billing?.email ?? '',
    contactId: 1,
    created: false,
    droppedFields: [],
    unconverted: [],
    steps: [],
    totals: { source: 'none' },
    ok: true,
  };
}

/**
 * A client that records each syncOrder call. `behave` decides per call (0-based, per order id):
 * undefined succeeds, an Error is thrown, a promise is awaited first.
 */
export function fakeClient(
  behave: (order: WooOrder, call: number) => Error | Promise<unknown> | undefined = () => undefined,
) {
  const calls: SyncCall[] = [];
  const perOrder = new Map<number, number>();
  const client: Pick<MauticClient, 'syncOrder'> = {
    async syncOrder(order, options) {
      calls.push({ order, options });
      const call = perOrder.get(order.id) ?? 0;
      perOrder.set(order.id, call + 1);
      const behaviour = behave(order, call);
      if (behaviour instanceof Error) throw behaviour;
      if (behaviour) await behaviour;
      return result(order);
    },
  };
  return { client, calls };
}

/** A promise with its resolve, to hold a fake Mautic until the test lets it answer. */
export function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

export async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'mautic-woo-webhook-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
