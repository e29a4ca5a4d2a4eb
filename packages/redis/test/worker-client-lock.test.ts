import { describe, expect, it } from 'vitest';
import { createRedisQueue, createRedisWorker, type Delivery, RedisKeyedSerializer } from '../src';
import { orderDelivery } from './helpers/deliveries';
import { useRedis, withoutRedis } from './helpers/redis';

const yieldTurns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

// The README's setup: the client's `serializer` is a RedisKeyedSerializer on the worker's own Redis and prefix.
describe.skipIf(withoutRedis)('a client locking customers on the worker’s Redis', () => {
  const redis = useRedis();

  it('takes its customer lock inside the delivery without waiting for itself', async () => {
    const clientLock = redis.track(new RedisKeyedSerializer({ connection: redis.client() }));
    const synced: string[] = [];
    const worker = redis.track(
      createRedisWorker({
        connection: redis.client(),
        shutdownSignals: [],
        // What syncOrder does inside: its workflow runs under the client's lock on the customer's email.
        process: (d) => clientLock.run(d.customerKey ?? '', async () => void synced.push(d.id)),
      }),
    );
    await worker.ready();
    const queue = redis.track(createRedisQueue({ connection: redis.client() }));
    const delivery = orderDelivery({ customerKey: 'ada@example.com' });
    expect(await queue.enqueue(delivery)).toBe('accepted');
    await queue.whenIdle();
    expect(synced).toEqual([delivery.id]);
  }, 20_000);

  // customer.deleted carries only the customer id, so its lane is its own resource, not the customer's: the
  // client's lock (eraseCustomer and syncOrder both take it on the email) is what keeps the two apart.
  it('keeps an erasure and the same customer’s orders apart across workers', async () => {
    const email = 'grace@example.com';
    const deliveries: Delivery[] = [];
    for (let o = 0; o < 12; o++) deliveries.push(orderDelivery({ customerKey: email, resourceId: 500 + o }));
    for (let c = 0; c < 4; c++) {
      deliveries.splice(c * 3, 0, {
        ...orderDelivery({ customerKey: null, resourceId: 77 + c }),
        topic: 'customer.deleted',
      });
    }
    let active = 0;
    let maxActive = 0;
    const done: string[] = [];
    const workers = ['w1', 'w2', 'w3'].map(() => {
      const clientLock = redis.track(new RedisKeyedSerializer({ connection: redis.client() }));
      return redis.track(
        createRedisWorker({
          connection: redis.client(),
          concurrency: 4,
          shutdownSignals: [],
          // A deletion looks its email up (the customer directory); either way the work is under the email's lock.
          process: (d) =>
            clientLock.run(email, async () => {
              active++;
              maxActive = Math.max(maxActive, active);
              await yieldTurns(3);
              active--;
              done.push(d.topic);
            }),
        }),
      );
    });
    await Promise.all(workers.map((w) => w.ready()));
    const queue = redis.track(createRedisQueue({ connection: redis.client() }));
    await Promise.all(deliveries.map((d) => queue.enqueue(d)));
    await queue.whenIdle();
    expect(done).toHaveLength(deliveries.length);
    expect(done.filter((topic) => topic === 'customer.deleted')).toHaveLength(4);
    expect(maxActive).toBe(1);
    expect(await queue.counts()).toMatchObject({ failed: 0 });
  }, 30_000);
});
