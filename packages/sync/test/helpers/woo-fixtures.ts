import { readFileSync } from 'node:fs';
import type { WooCustomer } from '../../src/woo/customer-types';
import type { WooOrder } from '../../src/woo/order-types';

const dir = new URL('../../../testkit/fixtures/woocommerce/', import.meta.url);

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as T;
}

/** Order 727 (US/CA, processing) from WooCommerce's REST API docs; a fresh copy each call. */
export function order727(): WooOrder {
  return readJson<WooOrder>('order-created.docs.json');
}

/** The Mautic contact fields order 727's billing address becomes (codes converted to Mautic's names). */
export const ORDER_727_CONTACT = {
  email: 'john.doe@example.com',
  firstname: 'John',
  lastname: 'Doe',
  phone: '(555) 555-5555',
  address1: '969 Market',
  city: 'San Francisco',
  zipcode: '94103',
  state: 'California',
  country: 'United States',
} as const;

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

/** A customer from WooCommerce's REST API docs ("List all customers"): 25 John Doe (US/CA), 26 João Silva (BR/RJ). */
export function docsCustomer(id: 25 | 26): WooCustomer {
  const customer = readJson<WooCustomer[]>('customers-list.docs.json').find((c) => c.id === id);
  if (!customer) throw new Error(`fixture customers-list.docs.json has no customer ${id}`);
  return customer;
}

/** A WooCommerce Analytics customer-report body (see the fixtures README for how each was built). */
export function customerReport(name: 'registered' | 'guest-search'): unknown[] {
  return readJson<unknown[]>(`reports-customers.${name}.derived.json`);
}

/** WooCommerce's `*_gmt` format (UTC, no offset) for a moment `offsetMs` from now. */
export function wooGmt(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs).toISOString().slice(0, 19);
}
