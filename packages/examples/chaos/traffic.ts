import { createHmac } from 'node:crypto';
import type { WooOrder } from '@mautic-woo/sync';
import createdOrder from '../../testkit/fixtures/woocommerce/order-created.docs.json' with { type: 'json' };

/** The statuses an order goes through, in order: a later one is newer. */
export const STATUSES = ['pending', 'processing', 'completed'] as const;

export interface PlannedDelivery {
  id: string;
  orderId: number;
  customer: string;
  status: string;
  /** Position of the status in STATUSES: a higher rank is a newer state of the order. */
  rank: number;
  body: string;
  signature: string;
}

/** A small deterministic generator, so a failing run can be replayed with its seed. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

export interface Plan {
  deliveries: PlannedDelivery[];
  /** What is sent, in order: every delivery once, some twice, some after a newer one of their order. */
  sends: PlannedDelivery[];
  outOfOrder: number;
  redelivered: number;
}

/**
 * `count` deliveries of orders going pending → processing → completed for `customers` customers,
 * in the order their changes happened, then `outOfOrder` of them moved after the next change of
 * their order and `redelivered` of them sent a second time (same delivery id) a little later.
 */
export function planTraffic(options: {
  count: number;
  customers: number;
  outOfOrder: number;
  redelivered: number;
  secret: string;
  seed: number;
}): Plan {
  const next = random(options.seed);
  const base = Date.UTC(2026, 10, 1);
  const events: Array<{ at: number; delivery: PlannedDelivery }> = [];
  for (let orderId = 70_001, made = 0; made < options.count; orderId++) {
    const customer = `chaos-${orderId % options.customers}@example.com`;
    let at = next() * 3600;
    for (let rank = 0; rank < STATUSES.length && made < options.count; rank++, made++) {
      at += 30 + next() * 300;
      const status = STATUSES[rank] as string;
      const order = structuredClone(createdOrder) as unknown as WooOrder;
      const modified = new Date(base + Math.round(at * 1000)).toISOString().slice(0, 19);
      Object.assign(order, { id: orderId, status, date_modified_gmt: modified });
      order.billing = { ...order.billing, email: customer };
      const body = JSON.stringify(order);
      const signature = createHmac('sha256', options.secret).update(body).digest('base64');
      events.push({
        at,
        delivery: { id: `chaos-${orderId}-${status}`, orderId, customer, status, rank, body, signature },
      });
    }
  }
  events.sort((a, b) => a.at - b.at);
  const deliveries = events.map((event) => event.delivery);

  // Out of order: an older change sent right after the newer one of the same order.
  const sends = [...deliveries];
  const movable = deliveries.filter(
    (d) => d.rank < STATUSES.length - 1 && deliveries.some((n) => n.orderId === d.orderId && n.rank === d.rank + 1),
  );
  const moved = new Set<PlannedDelivery>();
  while (moved.size < options.outOfOrder && moved.size < movable.length)
    moved.add(movable[Math.floor(next() * movable.length)] as PlannedDelivery);
  for (const older of moved) {
    sends.splice(sends.indexOf(older), 1);
    const newer = sends.findIndex((d) => d.orderId === older.orderId && d.rank === older.rank + 1);
    sends.splice(newer + 1, 0, older);
  }
  // Redeliveries: WooCommerce sends the same delivery again (it timed out waiting for the answer).
  const twice = new Set<PlannedDelivery>();
  while (twice.size < options.redelivered)
    twice.add(deliveries[Math.floor(next() * deliveries.length)] as PlannedDelivery);
  for (const again of twice) {
    const at = Math.min(sends.length, sends.indexOf(again) + 1 + Math.floor(next() * 60));
    sends.splice(at, 0, again);
  }
  return { deliveries, sends, outOfOrder: moved.size, redelivered: twice.size };
}

/** Sends one delivery as WooCommerce does; resolves with the HTTP status. */
export async function deliver(url: string, delivery: PlannedDelivery): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    body: delivery.body,
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-topic': 'order.updated',
      'x-wc-webhook-delivery-id': delivery.id,
      'x-wc-webhook-signature': delivery.signature,
      'x-wc-webhook-source': 'https://shop.example.com/',
    },
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer();
  return response.status;
}
