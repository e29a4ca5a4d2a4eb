import type { CustomerDirectory } from '@mautic-woo/webhook';
import { RedisInputError } from './errors';
import type { RedisStoreOptions } from './store';
import { RedisStore } from './store';

export interface RedisCustomerDirectoryOptions extends RedisStoreOptions {
  /**
   * How long a customer's email is kept after their last delivery (default `null`: until the
   * customer is erased). A `customer.deleted` arriving later is dead-lettered as unknown.
   */
  retentionMs?: number | null;
}

/**
 * WooCommerce customer id → billing email on Redis, so a `customer.deleted` (which carries only
 * the id) is carried out by whichever worker takes it, whoever saw the customer before, and after
 * any restart: one key per customer id holding the email. The email is the value and never part of
 * a key name; an erased customer's key is deleted. Pass it to `createDeliveryProcessor` as
 * `customerDirectory`.
 */
export class RedisCustomerDirectory extends RedisStore implements CustomerDirectory {
  constructor({ retentionMs = null, ...options }: RedisCustomerDirectoryOptions) {
    super(options, retentionMs);
  }

  async remember(customerId: number, email: string): Promise<void> {
    const key = this.#key(customerId);
    // Never echo the value: it is a customer's email, or whatever was passed in its place.
    if (typeof email !== 'string' || email === '') throw new RedisInputError('email must be a non-empty string');
    const redis = this.opened.redis;
    await (this.retention === '' ? redis.set(key, email) : redis.set(key, email, 'PX', this.retention));
  }

  async emailOf(customerId: number): Promise<string | undefined> {
    return (await this.opened.redis.get(this.#key(customerId))) ?? undefined;
  }

  async forget(customerId: number): Promise<void> {
    await this.opened.redis.unlink(this.#key(customerId));
  }

  #key(customerId: number): string {
    if (!Number.isSafeInteger(customerId) || customerId <= 0) {
      throw new RedisInputError('customerId must be a positive integer (the WooCommerce customer id)');
    }
    return this.keys.customer(customerId);
  }
}
