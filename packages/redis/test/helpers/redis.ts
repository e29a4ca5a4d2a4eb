import { type RedisServer, redisAvailable, startRedis } from '@mautic-woo/testkit';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Skips a suite when redis-server is missing (global-setup says so once, and fails under CI). */
export const withoutRedis = !redisAvailable();

/**
 * A redis-server of the suite's own, plus a factory of connections (each one a "process") that
 * are closed after each test; the database is emptied between tests.
 */
export function useRedis() {
  let server: RedisServer | undefined;
  const clients: Redis[] = [];
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    server = await startRedis();
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    for (const client of clients.splice(0)) await client.quit().catch(() => client.disconnect());
    const admin = new Redis(server?.url ?? '');
    await admin.flushall();
    await admin.quit();
  });
  afterAll(async () => {
    await server?.close();
  });

  return {
    get url(): string {
      if (!server) throw new Error('redis-server not started');
      return server.url;
    },
    /** A separate connection, as another process would have. */
    client(): Redis {
      const client = new Redis(this.url, { maxRetriesPerRequest: null });
      clients.push(client);
      return client;
    },
    /** Closes `thing` after the test, before the connections. */
    track<T extends { close(): Promise<void> }>(thing: T): T {
      closers.push(() => thing.close());
      return thing;
    },
  };
}

/** A promise with its resolve, for tests that wait on an event. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
