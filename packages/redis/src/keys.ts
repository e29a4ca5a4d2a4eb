import { createHash } from 'node:crypto';

/**
 * Every Redis key this package writes, in one place. Customer keys (emails) are hashed: a key
 * name shows up in `redis-cli --scan`, MONITOR and slow logs, and an email must not.
 */
export function redisKeys(prefix: string) {
  return {
    token: `${prefix}:token`,
    tokenLock: `${prefix}:token:lock`,
    /** One hash per order: field `status:step` → done | uncertain | claimed:<until ms>. */
    steps: (orderId: number) => `${prefix}:steps:${orderId}`,
    serial: (key: string) => `${prefix}:serial:${createHash('sha256').update(key).digest('base64url')}`,
    /** Where lock releases are announced, so waiters wake without polling. */
    released: `${prefix}:released`,
    /** The newest `modifiedAt` (epoch ms) applied for one resource (`order:42`). */
    applied: (resource: string) => `${prefix}:applied:${resource}`,
    /** An erasure tombstone: epoch ms. `emailHash` is the SHA-256 hex of the email, never the email. */
    erased: (emailHash: string) => `${prefix}:erased:${emailHash}`,
    /**
     * A WooCommerce customer's billing email, for `customer.deleted` (which carries only the id). By
     * id: the email is the value, never part of the name.
     */
    customer: (customerId: number) => `${prefix}:customer:${customerId}`,
    /** Delivery ids already accepted, for `duplicate`. */
    seen: (deliveryId: string) => `${prefix}:seen:${deliveryId}`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
