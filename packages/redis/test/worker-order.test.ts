import { describe, expect, it } from 'vitest';
import { createRedisQueue, createRedisWorker, type Delivery } from '../src';
import { modifiedAtMs } from '../src/applied';
import { orderDelivery } from './helpers/deliveries';
import { useRedis, withoutRedis } from './helpers/redis';

const yieldTurns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe.skipIf(withoutRedis)('createRedisWorker across 3 workers', () => {
  const redis = useRedis();

  it('never syncs two deliveries of one customer at once, and never sets an order back', async () => {
    const customers = Array.from({ length: 10 }, (_, i) => `customer${i}@example.com`);
    const deliveries: Delivery[] = [];
    for (const [c, customerKey] of customers.entries()) {
      for (let o = 0; o < 3; o++) {
        for (let second = 1; second <= 5; second++) {
          deliveries.push(orderDelivery({ customerKey, resourceId: c * 10 + o, second }));
        }
      }
    }
    // Interleave the customers, and swap every 7th pair so some arrive out of order.
    deliveries.sort((a, b) => (a.modifiedAt ?? '').localeCompare(b.modifiedAt ?? '') || a.resourceId - b.resourceId);
    for (let i = 0; i + 1 < deliveries.length; i += 7) {
      [deliveries[i], deliveries[i + 1]] = [deliveries[i + 1] as Delivery, deliveries[i] as Delivery];
    }

    const active = new Map<string, number>();
    let maxPerCustomer = 0;
    let maxOverall = 0;
    let overall = 0;
    const appliedPerOrder = new Map<number, number[]>();
    const workers = ['w1', 'w2', 'w3'].map(() =>
      redis.track(
        createRedisWorker({
          connection: redis.client(),
          concurrency: 4,
          shutdownSignals: [],
          async process(d) {
            const key = d.customerKey ?? '';
            active.set(key, (active.get(key) ?? 0) + 1);
            overall++;
            maxPerCustomer = Math.max(maxPerCustomer, active.get(key) ?? 0);
            maxOverall = Math.max(maxOverall, overall);
            await yieldTurns(3);
            const applied = appliedPerOrder.get(d.resourceId) ?? [];
            applied.push(modifiedAtMs(d.modifiedAt) ?? 0);
            appliedPerOrder.set(d.resourceId, applied);
            active.set(key, (active.get(key) ?? 1) - 1);
            overall--;
          },
        }),
      ),
    );
    await Promise.all(workers.map((w) => w.ready()));
    const queue = redis.track(createRedisQueue({ connection: redis.client() }));
    const results = await Promise.all(deliveries.map((d) => queue.enqueue(d)));
    await queue.whenIdle();

    expect(maxPerCustomer).toBe(1);
    expect(maxOverall).toBeGreaterThan(1);
    for (const [orderId, applied] of appliedPerOrder) {
      expect(applied, `order ${orderId}`).toEqual([...applied].sort((a, b) => a - b));
      expect(new Set(applied).size, `order ${orderId}`).toBe(applied.length);
    }
    // The newest state of every order was applied.
    expect(appliedPerOrder.size).toBe(30);
    for (const applied of appliedPerOrder.values()) {
      expect(applied.at(-1)).toBe(Date.UTC(2026, 10, 1, 10, 0, 5));
    }
    const accepted = results.filter((r) => r === 'accepted').length;
    expect(accepted + results.filter((r) => r === 'stale').length).toBe(deliveries.length);
    expect(await queue.counts()).toMatchObject({ completed: accepted, failed: 0, active: 0, waiting: 0 });
  });
});
