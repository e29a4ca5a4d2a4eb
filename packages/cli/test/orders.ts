import { readFileSync } from 'node:fs';
import type { WooOrder } from '@mautic-woo/sync';

/** Real WooCommerce REST v3 orders (727 and 723, from WooCommerce's docs), as the tests' input files. */
const dir = new URL('../../testkit/fixtures/woocommerce/', import.meta.url);
const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as T;

/** Order 727 as `order.created` delivers it, moved to `completed`. */
export function sampleOrder(): WooOrder {
  return { ...readJson<WooOrder>('order-created.docs.json'), status: 'completed' };
}

/** `count` distinct orders (ids from 10 001, emails customer-N@example.com), alternating 727 and 723. */
export function generateOrders(count: number): WooOrder[] {
  const templates = readJson<WooOrder[]>('orders-list.docs.json');
  return Array.from({ length: count }, (_, i) => {
    const template = templates[i % templates.length] as WooOrder;
    const id = 10_001 + i;
    return {
      ...template,
      id,
      number: String(id),
      billing: { ...template.billing, email: `customer-${i + 1}@example.com` },
    };
  });
}
