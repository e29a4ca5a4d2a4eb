import { DEFAULT_PREFIX, type OpenedRedis, openRedis, type RedisConnection } from './connection';
import { type RedisKeys, redisKeys } from './keys';
import { retentionArg } from './retention';

export interface RedisStoreOptions {
  connection: RedisConnection;
  /** Namespaces every key (default `mautic-woo`): one prefix per Mautic instance. */
  prefix?: string;
}

/**
 * What every Redis-backed store of this package holds: its own connection (opened from a URL, or
 * the caller's client, which `close` then leaves open; see connection.ts), its keys under the
 * prefix, and how long what it writes is kept (`retention`, a PX argument; '' keeps it). Validate
 * other options before calling the constructor: it connects, once `retentionMs` has been checked.
 */
export abstract class RedisStore {
  protected readonly opened: OpenedRedis;
  protected readonly keys: RedisKeys;
  protected readonly retention: string;

  protected constructor({ connection, prefix = DEFAULT_PREFIX }: RedisStoreOptions, retentionMs: number | null = null) {
    this.retention = retentionArg(retentionMs);
    this.opened = openRedis(connection);
    this.keys = redisKeys(prefix);
  }

  async close(): Promise<void> {
    await this.opened.close();
  }
}
