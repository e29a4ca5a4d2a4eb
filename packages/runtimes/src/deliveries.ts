import { createHmac } from 'node:crypto';
import { makeOrders } from './smoke-suite';

/**
 * WooCommerce webhook deliveries for the runtime suite, signed here with node:crypto: an HMAC made
 * apart from the handler's Web Crypto check, so a runtime that verifies wrongly fails the test.
 */

export const WEBHOOK_SECRET = 'smoke-webhook-secret';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** One `order.updated` delivery of `order`; `signature: 'bad'` signs it with another secret. */
export function signedDelivery(
  order: { id: number },
  deliveryId: string,
  options: { signature?: 'good' | 'bad' } = {},
): SignedRequest {
  const body = JSON.stringify(order);
  const secret = options.signature === 'bad' ? `${WEBHOOK_SECRET}-wrong` : WEBHOOK_SECRET;
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-topic': 'order.updated',
      'x-wc-webhook-delivery-id': deliveryId,
      'x-wc-webhook-signature': createHmac('sha256', secret).update(body).digest('base64'),
    },
  };
}

/**
 * The deliveries every webhook test sends for one order, in this order: a bad signature (401), the
 * delivery (202), the same delivery id again (200, duplicate), an older state of the order under a
 * new delivery id (200, stale). Exactly one sync may come of them.
 */
export function webhookTraffic() {
  const [order] = makeOrders(1, 1);
  const older = { ...order, status: 'processing', date_modified_gmt: '2017-03-22T19:00:00' };
  return {
    order,
    requests: [
      signedDelivery(order, 'delivery-2', { signature: 'bad' }),
      signedDelivery(order, 'delivery-2'),
      signedDelivery(order, 'delivery-2'),
      signedDelivery(older, 'delivery-1'),
    ],
  };
}

/** The answers webhookTraffic's requests must get: status and `x-mautic-woo-outcome`. */
export const EXPECTED_ANSWERS = [
  { status: 401, outcome: 'rejected' },
  { status: 202, outcome: 'accepted' },
  { status: 200, outcome: 'duplicate' },
  { status: 200, outcome: 'stale' },
];
