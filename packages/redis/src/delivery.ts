// These types mirror @mautic-woo/webhook's queue contract, which is written in parallel; the
// import switches to that package once both are merged. Keep them identical to it.

/** One accepted webhook delivery, as the handler hands it to a queue. */
export interface Delivery {
  /** `X-WC-Webhook-Delivery-ID`: a redelivery carries the same id. */
  id: string;
  /** `order.updated`, `customer.created`, …: the resource is the part before the dot. */
  topic: string;
  resourceId: number;
  /** The resource's `date_modified_gmt`, to skip a delivery older than one already applied. */
  modifiedAt: string | null;
  /** Who the delivery is about (the customer's email): deliveries of one key never run at once. */
  customerKey: string | null;
  payload: unknown;
  /** Epoch ms at which the handler accepted it. */
  receivedAt: number;
}

export type EnqueueResult = 'accepted' | 'duplicate' | 'stale';

export interface DeliveryQueue {
  enqueue(d: Delivery): Promise<EnqueueResult>;
  whenIdle(): Promise<void>;
  close(): Promise<void>;
}

/** Syncs one delivery; a throw means "retry it". */
export type DeliveryProcessor = (delivery: Delivery) => Promise<void>;
