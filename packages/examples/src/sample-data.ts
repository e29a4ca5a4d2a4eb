import type { AbandonedCart, WooOrder } from '@mautic-woo/sync';
import createdOrder from '../../testkit/fixtures/woocommerce/order-created.docs.json' with { type: 'json' };
import listedOrders from '../../testkit/fixtures/woocommerce/orders-list.docs.json' with { type: 'json' };

/**
 * Real WooCommerce REST v3 orders (727 and 723, from WooCommerce's own docs), so the demo and the
 * examples exercise the shapes a shop actually sends.
 */

/** Order 727 as `order.created` delivers it, moved to `completed` so the order email is sent. */
export function sampleOrder(): WooOrder {
  const order = structuredClone(createdOrder) as unknown as WooOrder;
  return { ...order, status: 'completed' };
}

/** Orders 727 and 723 as `GET /wp-json/wc/v3/orders` lists them. */
export function sampleOrders(): WooOrder[] {
  return structuredClone(listedOrders) as unknown as WooOrder[];
}

/** What a cart plugin reports for a shopper who left at checkout. */
export function sampleCart(email = 'john.doe@example.com'): AbandonedCart {
  return {
    email,
    firstName: 'John',
    lastName: 'Doe',
    items: [
      { name: 'Woo Single #1', quantity: 2, total: '6.00', productId: 93 },
      { name: 'Ship Your Idea – Color: Black, Size: M Test', sku: 'Bar3', quantity: 1, total: '12.00', productId: 22 },
    ],
    total: '18.00',
    currency: 'USD',
    recoveryUrl: 'https://shop.example.com/cart/?recover=9f2c1e',
    couponCode: 'COMEBACK10',
  };
}

/**
 * `count` distinct orders built from the fixtures (ids from 10 001, emails customer-N@example.com),
 * for backfills, tests and benchmarks.
 */
export function generateOrders(count: number): WooOrder[] {
  const templates = sampleOrders();
  return Array.from({ length: count }, (_, i) => {
    const template = templates[i % templates.length] as WooOrder;
    const id = 10_001 + i;
    return {
      ...structuredClone(template),
      id,
      number: String(id),
      billing: { ...template.billing, email: `customer-${i + 1}@example.com` },
    };
  });
}
