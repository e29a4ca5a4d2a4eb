import type { CustomerDirectory } from '@mautic-woo/webhook';
import { RedisInputError } from './errors';
import type { RedisStoreOptions } from './store';
import { RedisStore } from './store';

/** What an erased customer's key holds: no email is empty. */
const ERASED = '';

export interface RedisCustomerDirectoryOptions extends RedisStoreOptions {
  /**
   * How long a customer's key is kept after their last delivery or erasure (default `null`: forever;
   * an erased customer's key holds no email). A `customer.deleted` arriving later is dead-lettered
   * as unknown.
   */
  retentionMs?: number | null;
}

/**
 * WooCommerce customer id → billing email on Redis, so a `customer.deleted` (which carries only
 * the id) is carried out by whichever worker takes it, whoever saw the customer before, and after
 * any restart: one key per customer id holding the email. The email is the value and never part of
 * a key name; an erased customer's key holds the empty string (no email is empty), so the same
 * deletion delivered again is done, not unknown. Pass it to `createDeliveryProcessor` as
 * `customerDirectory`.
 */
export class RedisCustomerDirectory extends RedisStore implements CustomerDirectory {
  constructor({ retentionMs = null, ...options }: RedisCustomerDirectoryOptions) {
    super(options, retentionMs);
  }

  async remember(customerId: number, email: string): Promise<void> {
    // Never echo the value: it is a customer's email, or whatever was passed in its place.
    if (typeof email !== 'string' || email === '') throw new RedisInputError('email must be a non-empty string');
    await this.#set(customerId, email);
  }

  async emailOf(customerId: number): Promise<string | null | undefined> {
    const value = await this.opened.redis.get(this.#key(customerId));
    return value === '' ? null : (value ?? undefined);
  }

  async forget(customerId: number): Promise<void> {
    await this.#set(customerId, ERASED);
  }

  #set(customerId: number, value: string): Promise<unknown> {
    const key = this.#key(customerId);
    const redis = this.opened.redis;
    return this.retention === '' ? redis.set(key, value) : redis.set(key, value, 'PX', this.retention);
  }

  #key(customerId: number): string {
    if (!Number.isSafeInteger(customerId) || customerId <= 0) {
      throw new RedisInputError('customerId must be a positive integer (the WooCommerce customer id)');
    }
    return this.keys.customer(customerId);
  }
}
