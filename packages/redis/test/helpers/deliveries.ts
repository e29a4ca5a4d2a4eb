import type { Delivery } from '../../src';

let next = 0;

/** An `order.updated` delivery; `modifiedAt` counts seconds from a fixed date. */
export function orderDelivery(overrides: Partial<Delivery> & { second?: number } = {}): Delivery {
  const { second = 0, ...rest } = overrides;
  next++;
  return {
    id: `d${next}-${Math.random().toString(36).slice(2)}`,
    topic: 'order.updated',
    resourceId: 1000 + next,
    modifiedAt: new Date(Date.UTC(2026, 10, 1, 10, 0, second)).toISOString().replace('.000Z', ''),
    customerKey: `customer${next}@example.com`,
    payload: { status: 'processing' },
    receivedAt: Date.now(),
    ...rest,
  };
}
