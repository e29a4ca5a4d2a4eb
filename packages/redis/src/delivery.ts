// The queue contract is @mautic-woo/webhook's: the handler enqueues, this package's queue stores
// and its workers process, so the types are that package's own.
export type { Delivery, DeliveryProcessor, DeliveryQueue, EnqueueResult } from '@mautic-woo/webhook';
