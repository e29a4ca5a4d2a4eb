import { readFileSync } from 'node:fs';
import type { WooOrder } from '../../src/woo/order-types';

const dir = new URL('../../../testkit/fixtures/woocommerce/', import.meta.url);

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as T;
}

/** Fresh copies each call, so a test that mutates one cannot leak into another. */
export function order727(): WooOrder {
  return readJson<WooOrder>('order-created.docs.json');
}

export function order723(): WooOrder {
  const orders = readJson<WooOrder[]>('orders-list.docs.json');
  const order = orders.find((o) => o.id === 723);
  if (!order) throw new Error('fixture orders-list.docs.json has no order 723');
  return order;
}
