import { modifiedAtMs } from './applied';
import type { Delivery } from './delivery';
import { RedisInputError } from './errors';

/** Refuses a malformed delivery before it is queued; messages name the field, never its value. */
export function validateDelivery(delivery: Delivery): void {
  if (typeof delivery !== 'object' || delivery === null) throw new RedisInputError('delivery must be an object');
  const { id, topic, resourceId, customerKey, receivedAt } = delivery;
  if (typeof id !== 'string' || id === '' || id.length > 200) {
    throw new RedisInputError('delivery.id must be a non-empty string of at most 200 characters');
  }
  if (typeof topic !== 'string' || topic === '') throw new RedisInputError('delivery.topic must be a non-empty string');
  if (!Number.isSafeInteger(resourceId) || resourceId < 0) {
    throw new RedisInputError('delivery.resourceId must be a non-negative integer');
  }
  if (customerKey !== null && (typeof customerKey !== 'string' || customerKey === '')) {
    throw new RedisInputError('delivery.customerKey must be a non-empty string or null');
  }
  if (!Number.isFinite(receivedAt)) throw new RedisInputError('delivery.receivedAt must be epoch milliseconds');
  modifiedAtMs(delivery.modifiedAt);
}
