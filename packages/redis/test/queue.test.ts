import { describe, expect, it } from 'vitest';
import { createRedisQueue, createRedisWorker, type Delivery, RedisInputError } from '../src';
import { orderDelivery } from './helpers/deliveries';
import { useRedis, withoutRedis } from './helpers/redis';

describe.skipIf(withoutRedis)('createRedisQueue', () => {
  const redis = useRedis();
  const queue = () => redis.track(createRedisQueue({ connection: redis.client() }));
  const worker = (process: (d: Delivery) => Promise<void>, options: { attempts?: number } = {}) =>
    redis.track(
      createRedisWorker({
        connection: redis.client(),
        process,
        backoff: { delayMs: 10, jitter: 0 },
        shutdownSignals: [],
        ...options,
      }),
    );

  it('makes one job of a delivery id, however often and from however many handlers it comes', async () => {
    const [a, b] = [queue(), queue()];
    const delivery = orderDelivery();
    const results = await Promise.all([a.enqueue(delivery), b.enqueue(delivery), a.enqueue({ ...delivery })]);
    expect(results.sort()).toEqual(['accepted', 'duplicate', 'duplicate']);
    expect(await b.enqueue(delivery)).toBe('duplicate');
    expect((await a.counts()).waiting).toBe(1);
  });

  it('accepts ids BullMQ would refuse as job ids (integers, colons)', async () => {
    const q = queue();
    expect(await q.enqueue(orderDelivery({ id: '12345' }))).toBe('accepted');
    expect(await q.enqueue(orderDelivery({ id: 'a:b' }))).toBe('accepted');
    expect(await q.enqueue(orderDelivery({ id: '12345' }))).toBe('duplicate');
    expect((await q.counts()).waiting).toBe(2);
  });

  it('answers stale for a delivery older than the one applied for its order', async () => {
    const q = queue();
    const synced: string[] = [];
    worker(async (d) => {
      synced.push(d.id);
    });
    const newer = orderDelivery({ resourceId: 7, second: 30 });
    expect(await q.enqueue(newer)).toBe('accepted');
    await q.whenIdle();
    expect(synced).toEqual([newer.id]);
    expect(await q.enqueue(orderDelivery({ resourceId: 7, second: 10 }))).toBe('stale');
    // The same date again is the same state, not an older one.
    expect(await q.enqueue(orderDelivery({ resourceId: 7, second: 30 }))).toBe('accepted');
    // Another resource with the same id is not compared.
    expect(await q.enqueue(orderDelivery({ resourceId: 7, second: 10, topic: 'customer.updated' }))).toBe('accepted');
  });

  it('skips at apply time a delivery that became stale while it waited', async () => {
    const q = queue();
    const newer = orderDelivery({ resourceId: 8, second: 30, customerKey: 'ann@example.com' });
    const older = orderDelivery({ resourceId: 8, second: 10, customerKey: 'ann@example.com' });
    // Both accepted: nothing had been applied yet.
    expect(await q.enqueue(newer)).toBe('accepted');
    expect(await q.enqueue(older)).toBe('accepted');
    const synced: string[] = [];
    worker(async (d) => {
      synced.push(d.id);
    });
    await q.whenIdle();
    expect(synced).toEqual([newer.id]);
    expect((await q.counts()).completed).toBe(2);
  });

  it('retries with backoff, keeps a delivery that used up its attempts as a dead letter, and retries it on demand', async () => {
    const q = queue();
    let mauticUp = false;
    const tries: string[] = [];
    worker(
      async (d) => {
        tries.push(d.id);
        if (!mauticUp) throw new Error('Mautic answered 503');
      },
      { attempts: 3 },
    );
    const delivery = orderDelivery();
    await q.enqueue(delivery);
    await q.whenIdle();
    expect(tries).toEqual([delivery.id, delivery.id, delivery.id]);
    expect(await q.counts()).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 1 });
    const [dead] = await q.listDeadLetters();
    expect(dead).toMatchObject({
      id: delivery.id,
      topic: 'order.updated',
      resourceId: delivery.resourceId,
      attempts: 3,
      reason: 'Mautic answered 503',
    });
    expect(JSON.stringify(dead)).not.toContain('@example.com');

    mauticUp = true;
    expect(await q.retryDeadLetters()).toBe(1);
    await q.whenIdle();
    expect(tries).toHaveLength(4);
    expect(await q.counts()).toMatchObject({ failed: 0, completed: 1 });
    expect(await q.listDeadLetters()).toEqual([]);
  });

  it('refuses a malformed delivery with a typed error that does not echo it', async () => {
    const q = queue();
    const bad: Array<Partial<Delivery>> = [
      { id: '' },
      { topic: '' },
      { resourceId: -1 },
      { modifiedAt: 'yesterday' },
      { customerKey: '' },
      { receivedAt: Number.NaN },
    ];
    for (const fields of bad) {
      const error = await q.enqueue(orderDelivery(fields)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RedisInputError);
      expect(String(error)).not.toContain('@example.com');
    }
    expect((await q.counts()).waiting).toBe(0);
  });

  it('is idle at once when nothing is queued', async () => {
    await queue().whenIdle();
  });
});
