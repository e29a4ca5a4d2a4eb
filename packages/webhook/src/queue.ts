/**
 * The contract between the webhook handler and a queue. The embedded file queue implements it, and
 * so does any distributed queue (Redis): the handler knows nothing else about where deliveries go.
 */

/** One accepted WooCommerce webhook delivery. */
export interface Delivery {
  /** `X-WC-Webhook-Delivery-ID` (or `sha256:<hex>` of the body when WooCommerce sent none). */
  id: string;
  /** `'order.created' | 'order.updated' | 'customer.created' | ...` */
  topic: string;
  /** The order (or customer) id. */
  resourceId: number;
  /** `date_modified_gmt`, for ordering; null when the payload has none. */
  modifiedAt: string | null;
  /** The lower-cased billing email, for per-customer ordering; null when the payload has none. */
  customerKey: string | null;
  /** The parsed body. */
  payload: unknown;
  receivedAt: number;
}

/**
 * `accepted`: stored durably, will be applied. `duplicate`: this delivery id was seen before.
 * `stale`: a delivery of the same resource modified later was already accepted or applied.
 */
export type EnqueueResult = 'accepted' | 'duplicate' | 'stale';

export interface DeliveryQueue {
  /** Resolves only once the delivery is stored durably. */
  enqueue(delivery: Delivery): Promise<EnqueueResult>;
  /** Resolves when every accepted delivery is synced or dead-lettered. */
  whenIdle(): Promise<void>;
  close(): Promise<void>;
}

/** Aborted when the queue closes, so a close does not wait for a hanging Mautic. */
export interface ProcessContext {
  signal?: AbortSignal;
}

/** Applies one delivery to Mautic; throws to have it retried. */
export type DeliveryProcessor = (delivery: Delivery, context?: ProcessContext) => Promise<void>;

/**
 * Thrown by a processor for a delivery that no retry can fix (invalid input, a topic nobody
 * handles): the queue dead-letters it at once instead of spending its attempts.
 */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/** The key under which staleness is tracked: `order:727`, `customer:15`. */
export function resourceKey(delivery: Pick<Delivery, 'topic' | 'resourceId'>): string {
  const kind = delivery.topic.split('.')[0] || 'resource';
  return `${kind}:${delivery.resourceId}`;
}

/** Milliseconds since the epoch of a WooCommerce `*_gmt` date (no zone marker: it is UTC), or null. */
export function modifiedTime(modifiedAt: string | null): number | null {
  if (modifiedAt === null) return null;
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(modifiedAt) ? modifiedAt : `${modifiedAt}Z`;
  const time = Date.parse(zoned);
  return Number.isNaN(time) ? null : time;
}

/** True when `candidate` was modified strictly before `latest` (unknown dates are never stale). */
export function isOlder(candidate: string | null, latest: string | null): boolean {
  const a = modifiedTime(candidate);
  const b = modifiedTime(latest);
  return a !== null && b !== null && a < b;
}
