import { type KeyedSerializer, MemoryKeyedSerializer } from '@mautic-woo/sync';
import { requirePositiveMs } from './errors';
import { RedisLocks } from './lock';
import type { RedisStoreOptions } from './store';
import { RedisStore } from './store';

export interface RedisKeyedSerializerOptions extends RedisStoreOptions {
  /**
   * How long a key stays locked after its holder died (default 30 s). A live holder renews its lock
   * every ttl/3, so this bounds only the wait behind a crashed process, not the work.
   */
  ttlMs?: number;
}

/**
 * One run at a time per key across every process that shares the Redis (a customer's two orders
 * never sync at once, so they cannot both create the contact). Runs of one key in this process
 * queue up here first, in call order, so only one of them at a time competes for the Redis lock.
 */
export class RedisKeyedSerializer extends RedisStore implements KeyedSerializer {
  readonly #locks: RedisLocks;
  readonly #local = new MemoryKeyedSerializer();
  readonly #ttlMs: number;

  constructor({ ttlMs = 30_000, ...options }: RedisKeyedSerializerOptions) {
    requirePositiveMs('ttlMs', ttlMs);
    super(options);
    this.#locks = new RedisLocks(this.opened.redis, this.keys.released);
    this.#ttlMs = ttlMs;
  }

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.#local.run(key, () =>
      this.#locks.run(this.keys.serial(key), work, { ttlMs: this.#ttlMs, renew: true }),
    );
  }

  override async close(): Promise<void> {
    await this.#locks.close();
    await super.close();
  }
}
