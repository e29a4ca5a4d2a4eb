export { DEFAULT_PREFIX, type RedisConnection } from './connection';
export { RedisCustomerDirectory, type RedisCustomerDirectoryOptions } from './customer-directory';
export type { Delivery, DeliveryProcessor, DeliveryQueue, EnqueueResult } from './delivery';
export { RedisErasureLog, type RedisErasureLogOptions } from './erasure-log';
export { RedisInputError } from './errors';
export { RedisKeyedSerializer, type RedisKeyedSerializerOptions } from './keyed-serializer';
export {
  createRedisQueue,
  type DeadLetter,
  type QueueCounts,
  type RedisDeliveryQueue,
  type RedisQueueOptions,
} from './queue';
export type { RedisQueueBaseOptions } from './queue-options';
export { RedisStepLedger, type RedisStepLedgerOptions } from './step-ledger';
export type { RedisStoreOptions } from './store';
export { RedisTokenStore } from './token-store';
export { createRedisWorker, type RedisWorker, type RedisWorkerOptions } from './worker';
