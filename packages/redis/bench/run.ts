// Throughput of the Redis pieces on a local redis-server (loopback, no persistence): prints a
// Markdown table. Run: `npx tsx bench/run.ts` in packages/redis (redis-server must be installed).
import { startRedis } from '@mautic-woo/testkit';
import { Redis } from 'ioredis';
import type { Delivery } from '../src';
import { createRedisQueue, createRedisWorker, RedisStepLedger, RedisTokenStore } from '../src';

const rows: string[] = [];
const report = (what: string, count: number, ms: number) => {
  rows.push(`| ${what} | ${count} | ${ms.toFixed(0)} | ${Math.round((count / ms) * 1000)} |`);
};
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const server = await startRedis();
const connection = server.url;
const flush = async () => {
  const admin = new Redis(connection);
  await admin.flushall();
  await admin.quit();
};
const deliveries = (n: number, customers: number): Delivery[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `bench-${i}`,
    topic: 'order.updated',
    resourceId: i + 1,
    modifiedAt: '2026-11-01T10:00:00',
    customerKey: `customer${i % customers}@example.com`,
    payload: { status: 'processing' },
    receivedAt: Date.now(),
  }));

try {
  // 1. enqueue: one handler, one at a time, then 50 requests in flight.
  {
    const queue = createRedisQueue({ connection });
    const list = deliveries(2000, 300);
    report(
      'enqueue, sequential',
      list.length,
      await timed(async () => {
        for (const d of list) await queue.enqueue(d);
      }),
    );
    await queue.close();
    await flush();
    const parallel = createRedisQueue({ connection });
    report(
      'enqueue, 50 in flight',
      list.length,
      await timed(async () => {
        for (let i = 0; i < list.length; i += 50)
          await Promise.all(list.slice(i, i + 50).map((d) => parallel.enqueue(d)));
      }),
    );

    // 2. 3 workers x concurrency 8, per-customer lock, no-op sync: the queue's own ceiling.
    const workers = [1, 2, 3].map(() =>
      createRedisWorker({ connection, concurrency: 8, shutdownSignals: [], process: async () => undefined }),
    );
    await Promise.all(workers.map((w) => w.ready()));
    report('synced by 3 workers (300 customers)', list.length, await timed(() => parallel.whenIdle()));
    await Promise.all(workers.map((w) => w.close()));
    await parallel.close();
    await flush();
  }

  // 3. ledger claims from 10 connections, all different steps.
  {
    const ledgers = Array.from({ length: 10 }, () => new RedisStepLedger({ connection }));
    const perLedger = 500;
    report(
      'ledger claim+settle, 10 connections',
      ledgers.length * perLedger,
      await timed(() =>
        Promise.all(
          ledgers.map(async (ledger, l) => {
            for (let i = 0; i < perLedger; i++) {
              const key = { orderId: l * perLedger + i + 1, status: 'completed', step: 'email' as const };
              await ledger.claim(key, { ttlMs: 60_000 });
              await ledger.settle(key, 'done');
            }
          }),
        ),
      ),
    );
    await Promise.all(ledgers.map((l) => l.close()));
    await flush();
  }

  // 4. one lock handed between 8 processes.
  {
    const stores = Array.from({ length: 8 }, () => new RedisTokenStore({ connection }));
    const each = 100;
    report(
      'token lock handoffs, 8 contenders',
      stores.length * each,
      await timed(() =>
        Promise.all(
          stores.map(async (store) => {
            for (let i = 0; i < each; i++) await store.lock(async () => undefined, { ttlMs: 5000 });
          }),
        ),
      ),
    );
    await Promise.all(stores.map((s) => s.close()));
  }

  console.log('| what | count | ms | per second |\n| --- | ---: | ---: | ---: |');
  console.log(rows.join('\n'));
} finally {
  await server.close();
}
