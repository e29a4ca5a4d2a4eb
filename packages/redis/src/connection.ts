import { Redis, type RedisOptions } from 'ioredis';

/**
 * Where Redis is: a `redis://` URL, ioredis options, or an ioredis client you own (it is then
 * neither closed nor reconfigured by this package).
 */
export type RedisConnection = string | RedisOptions | Redis;

/** A client and whether this package must close it. */
export interface OpenedRedis {
  redis: Redis;
  close(): Promise<void>;
}

function isClient(connection: RedisConnection): connection is Redis {
  return typeof connection === 'object' && typeof (connection as Redis).duplicate === 'function';
}

/**
 * Opens (or adopts) a client. BullMQ's blocking commands need `maxRetriesPerRequest: null`, and a
 * command must wait for a reconnect rather than fail a sync half-way, so clients made here use it.
 */
export function openRedis(connection: RedisConnection): OpenedRedis {
  if (isClient(connection)) return { redis: connection, close: async () => undefined };
  const options = { maxRetriesPerRequest: null };
  const redis =
    typeof connection === 'string' ? new Redis(connection, options) : new Redis({ ...connection, ...options });
  return {
    redis,
    close: async () => {
      if (redis.status === 'end') return;
      // Never connected (lazyConnect): nothing to say goodbye to.
      if (redis.status === 'wait') return redis.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Keys all start with the prefix, so several shops can share one Redis. */
export const DEFAULT_PREFIX = 'mautic-woo';
