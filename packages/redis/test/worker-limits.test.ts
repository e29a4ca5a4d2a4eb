import { describe, expect, it } from 'vitest';
import { createRedisQueue, createRedisWorker, RedisInputError } from '../src';
import { orderDelivery } from './helpers/deliveries';
import { deferred, useRedis, withoutRedis } from './helpers/redis';

describe.skipIf(withoutRedis)('createRedisWorker limits', () => {
  const redis = useRedis();

  it('shares one rate limit among all workers (Mautic has one API)', async () => {
    const queue = redis.track(createRedisQueue({ connection: redis.client() }));
    const gate = deferred();
    let started = 0;
    const threeStarted = deferred();
    const workers = [1, 2].map(() =>
      createRedisWorker({
        connection: redis.client(),
        concurrency: 5,
        // Three per minute: no fourth can start while the test looks.
        limiter: { max: 3, duration: 60_000 },
        shutdownSignals: [],
        async process() {
          if (++started === 3) threeStarted.resolve();
          await gate.promise;
        },
      }),
    );
    for (let i = 0; i < 8; i++) await queue.enqueue(orderDelivery());
    await threeStarted.promise;
    // Room for ten at once across the two workers; a per-worker limit would let six through.
    // Waiting can only give a wrong limiter more chances to show, never make a right one fail.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(started).toBe(3);
    expect((await queue.counts()).active).toBe(3);
    gate.resolve();
    await Promise.all(workers.map((w) => w.close()));
  });

  it('refuses settings it cannot honour before connecting', () => {
    const base = { connection: { lazyConnect: true }, process: async () => undefined, shutdownSignals: [] };
    expect(() => createRedisWorker({ ...base, concurrency: 0 })).toThrow(RedisInputError);
    expect(() => createRedisWorker({ ...base, attempts: 0 })).toThrow(RedisInputError);
    expect(() => createRedisWorker({ ...base, limiter: { max: 0, duration: 1000 } })).toThrow(RedisInputError);
    expect(() => createRedisWorker({ ...base, backoff: { jitter: 2 } })).toThrow(RedisInputError);
    expect(() => createRedisQueue({ connection: { lazyConnect: true }, retentionMs: -1 })).toThrow(RedisInputError);
  });
});
