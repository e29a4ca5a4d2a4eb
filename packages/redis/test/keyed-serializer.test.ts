import { describe, expect, it } from 'vitest';
import { RedisKeyedSerializer } from '../src';
import { redisKeys } from '../src/keys';
import { deferred, useRedis, withoutRedis } from './helpers/redis';

/** Records who runs when, per key, so a test can look for overlaps. */
function overlapRecorder() {
  const active = new Map<string, number>();
  let maxPerKey = 0;
  let maxOverall = 0;
  let overall = 0;
  const order: string[] = [];
  return {
    get maxPerKey() {
      return maxPerKey;
    },
    get maxOverall() {
      return maxOverall;
    },
    order,
    async run(key: string, label: string, work: () => Promise<void>) {
      const now = (active.get(key) ?? 0) + 1;
      active.set(key, now);
      overall++;
      maxPerKey = Math.max(maxPerKey, now);
      maxOverall = Math.max(maxOverall, overall);
      order.push(label);
      try {
        await work();
      } finally {
        active.set(key, (active.get(key) ?? 1) - 1);
        overall--;
      }
    },
  };
}

const yieldTurns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe.skipIf(withoutRedis)('RedisKeyedSerializer', () => {
  const redis = useRedis();
  const serializer = (ttlMs?: number) =>
    redis.track(new RedisKeyedSerializer({ connection: redis.client(), ...(ttlMs ? { ttlMs } : {}) }));

  it('never runs two of one key at once across 3 processes, while other keys run side by side', async () => {
    const processes = [serializer(), serializer(), serializer()];
    const recorder = overlapRecorder();
    const keys = ['ann@example.com', 'bob@example.com', 'cy@example.com', 'di@example.com'];
    await Promise.all(
      Array.from({ length: 90 }, (_, i) => {
        const key = keys[i % keys.length] ?? '';
        const process = processes[i % processes.length];
        // Each run gives the event loop away several times, so an overlap would happen if allowed.
        return process?.run(key, () => recorder.run(key, `${i}`, () => yieldTurns(5)));
      }),
    );
    expect(recorder.order).toHaveLength(90);
    expect(recorder.maxPerKey).toBe(1);
    expect(recorder.maxOverall).toBeGreaterThan(1);
  });

  it('hands a key over once a holder that died stops counting (its ttl)', async () => {
    const client = redis.client();
    await client.set(redisKeys('mautic-woo').serial('ann@example.com'), 'crashed-process', 'PX', 300);
    expect(await serializer().run('ann@example.com', async () => 'ran')).toBe('ran');
  });

  it('keeps a live holder’s lock past its ttl by renewing it', async () => {
    const [a, b] = [serializer(600), serializer(600)];
    const recorder = overlapRecorder();
    const aStarted = deferred();
    const first = a.run('ann@example.com', () =>
      recorder.run('ann@example.com', 'a', async () => {
        aStarted.resolve();
        // Two and a half ttls: without renewal b would take the lock half-way.
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }),
    );
    await aStarted.promise;
    const second = b.run('ann@example.com', () => recorder.run('ann@example.com', 'b', async () => undefined));
    await Promise.all([first, second]);
    expect(recorder.order).toEqual(['a', 'b']);
    expect(recorder.maxPerKey).toBe(1);
  });

  it('passes the work’s result and error through and frees the key either way', async () => {
    const s = serializer();
    await expect(s.run('k', async () => Promise.reject(new Error('sync failed')))).rejects.toThrow('sync failed');
    expect(await s.run('k', async () => 7)).toBe(7);
    expect(await redis.client().keys('mautic-woo:serial:*')).toEqual([]);
  });

  it('keeps customer emails out of Redis key names', async () => {
    const client = redis.client();
    const s = serializer();
    const inside = deferred<string[]>();
    await s.run('ann@example.com', async () => inside.resolve(await client.keys('*')));
    const keys = await inside.promise;
    expect(keys).toHaveLength(1);
    expect(keys.join()).not.toContain('ann');
  });
});
