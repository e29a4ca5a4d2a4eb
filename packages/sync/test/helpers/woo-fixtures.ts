import { readFileSync } from 'node:fs';
import type { WooOrder } from '../../src/woo/order-types';

const dir = new URL('../../../testkit/fixtures/woocommerce/', import.meta.url);

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as T;
}

/** Order 727 (US/CA, processing) from WooCommerce's REST API docs; a fresh copy each call. */
export function order727(): WooOrder {
  return readJson<WooOrder>('order-created.docs.json');
}

/** Order 723 (BR/RJ, completed). */
export function order723(): WooOrder {
  const order = readJson<WooOrder[]>('orders-list.docs.json').find((o) => o.id === 723);
  if (!order) throw new Error('fixture orders-list.docs.json has no order 723');
  return order;
}

/** `count` orders built from order 723 with distinct ids, spread over `customers` emails. */
export function* manyOrders(count: number, customers: number, firstId = 10_000): Generator<WooOrder> {
  const base = order723();
  for (let i = 0; i < count; i++) {
    const order = structuredClone(base);
    order.id = firstId + i;
    order.number = String(order.id);
    order.billing = { ...order.billing, email: `customer${i % customers}@example.com` };
    yield order;
  }
}
