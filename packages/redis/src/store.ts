import { DEFAULT_PREFIX, type OpenedRedis, openRedis, type RedisConnection } from './connection';
import { type RedisKeys, redisKeys } from './keys';

export interface RedisStoreOptions {
  connection: RedisConnection;
  /** Namespaces every key (default `mautic-woo`): one prefix per Mautic instance. */
  prefix?: string;
}

/**
 * What every Redis-backed store of this package holds: its own connection (opened from a URL, or
 * the caller's client, which `close` then leaves open; see connection.ts) and its keys under the
 * prefix. Validate options before calling the constructor: it connects.
 */
export abstract class RedisStore {
  protected readonly opened: OpenedRedis;
  protected readonly keys: RedisKeys;

  protected constructor({ connection, prefix = DEFAULT_PREFIX }: RedisStoreOptions) {
    this.opened = openRedis(connection);
    this.keys = redisKeys(prefix);
  }

  async close(): Promise<void> {
    await this.opened.close();
  }
}
