// What both builds export besides createWebhookHandler and the file queue.

export { WebhookConfigError } from './config-error';
export { type CustomerDirectory, MemoryCustomerDirectory } from './customer-directory';
export type { DefaultQueue, Outcome, WebhookHandler } from './handler';
export { type NodeListener, toNodeListener } from './node-listener';
export type { WebhookHandlerOptions } from './options';
export {
  CUSTOMER_TOPICS,
  createDeliveryProcessor,
  type DeliveryClient,
  HANDLED_TOPICS,
  ORDER_TOPICS,
  type ProcessorOptions,
} from './processor';
export {
  type Delivery,
  type DeliveryProcessor,
  type DeliveryQueue,
  type EnqueueResult,
  isOlder,
  PermanentDeliveryError,
  type ProcessContext,
  resourceKey,
} from './queue';
