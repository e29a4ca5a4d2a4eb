import { readFileSync } from 'node:fs';
import type { WooOrder } from '@mautic-woo/sync';

/** Real WooCommerce REST v3 orders (the docs' examples), varied by id and customer for the benchmarks. */

const fixtureUrl = new URL('../../testkit/fixtures/woocommerce/order-created.docs.json', import.meta.url);
const template = JSON.parse(readFileSync(fixtureUrl, 'utf8')) as WooOrder;

/** Order `id` of customer `customer` (distinct email per customer), status `completed`. */
export function makeOrder(id: number, customer: number): WooOrder {
  return {
    ...template,
    id,
    number: String(id),
    status: 'completed',
    billing: { ...template.billing, email: `customer-${customer}@example.com` },
  };
}

export const templateOrder = (): WooOrder => structuredClone(template);
