// How fast deliveries are accepted (stored durably, then answered) and what a backlog costs: run
// `pnpm --filter @mautic-woo/webhook bench` after a build. Prints numbers; asserts nothing.
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileQueue, createWebhookHandler, toNodeListener } from '@mautic-woo/webhook';

const SECRET = 'bench-secret';
const COUNT = 500;
// The sync never finishes, so only the intake is measured.
const never = (_delivery, context) =>
  new Promise((_resolve, reject) => context?.signal?.addEventListener('abort', () => reject(new Error('closed'))));
const order = (id) => ({
  id,
  status: 'processing',
  date_modified_gmt: '2026-11-30T10:00:00',
  billing: { email: `bench-${id % 200}@example.com`, first_name: 'Bench' },
  line_items: [{ id: 1, name: 'Item', product_id: 1, quantity: 1, total: '10.00' }],
  customer_note: 'x'.repeat(2000),
});
const delivery = (id) => ({
  id: `b-${id}`,
  topic: 'order.updated',
  resourceId: id,
  modifiedAt: '2026-11-30T10:00:00',
  customerKey: `bench-${id % 200}@example.com`,
  payload: order(id),
  receivedAt: Date.now(),
});
// node:http with keep-alive as the client: undici's fetch costs more CPU than the server measured.
const agent = new Agent({ keepAlive: true, maxSockets: 25 });
const post = (url, body, headers) =>
  new Promise((resolve, reject) => {
    const sent = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const percentile = (values, p) =>
  values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

async function withDir(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'mautic-woo-bench-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// 1. One enqueue at a time: each waits for its own fsync.
await withDir(async (dir) => {
  const queue = createFileQueue({ dir, process: never, concurrency: 1 });
  await queue.ready();
  const start = process.hrtime.bigint();
  for (let i = 0; i < 200; i++) await queue.enqueue(delivery(i));
  console.log(`sequential enqueue (write + fsync each): ${(ms(start) / 200).toFixed(2)} ms per delivery`);
  await queue.close();
});

// 2. 500 enqueues at once: one fsync covers every delivery waiting (group commit).
await withDir(async (dir) => {
  const queue = createFileQueue({ dir, process: never, concurrency: 1 });
  await queue.ready();
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: COUNT }, (_, i) => queue.enqueue(delivery(i))));
  console.log(`${COUNT} concurrent enqueues: ${ms(start).toFixed(0)} ms in all`);
  await queue.close();
});

// 3. Over HTTP: signed deliveries through node:http, 25 connections, as WooCommerce would send them.
await withDir(async (dir) => {
  const client = { syncOrder: (order, options) => never(order, options) };
  const handler = createWebhookHandler({ secret: SECRET, client, queueDir: dir });
  const server = createServer(toNodeListener(handler));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const ids = Array.from({ length: COUNT }, (_, i) => 100_000 + i);
  const latencies = [];
  let accepted = 0;
  const rssBefore = process.memoryUsage().rss;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 25 }, async () => {
      for (let id = ids.shift(); id !== undefined; id = ids.shift()) {
        const body = JSON.stringify(order(id));
        const signature = createHmac('sha256', SECRET).update(body).digest('base64');
        const sent = process.hrtime.bigint();
        const status = await post(url, body, {
          'x-wc-webhook-topic': 'order.updated',
          'x-wc-webhook-signature': signature,
          'x-wc-webhook-delivery-id': `h-${id}`,
        });
        latencies.push(ms(sent));
        if (status === 202) accepted++;
      }
    }),
  );
  const total = ms(start);
  console.log(
    `${accepted}/${COUNT} signed deliveries accepted over HTTP in ${total.toFixed(0)} ms ` +
      `(${((COUNT / total) * 1000).toFixed(0)}/s; latency p50 ${percentile(latencies, 0.5).toFixed(1)} ms, ` +
      `p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms; ` +
      `rss +${((process.memoryUsage().rss - rssBefore) / 1e6).toFixed(1)} MB)`,
  );
  agent.destroy();
  server.closeAllConnections();
  server.close();
  await handler.close();
});

// 4. A backlog (Mautic down): what 20,000 waiting deliveries cost in memory, and replaying them on start.
await withDir(async (dir) => {
  const backlog = 20_000;
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const queue = createFileQueue({ dir, process: never, concurrency: 1 });
  for (let i = 0; i < backlog; i += 500) {
    await Promise.all(Array.from({ length: 500 }, (_, j) => queue.enqueue(delivery(i + j))));
  }
  globalThis.gc?.();
  const heap = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  await queue.close();
  const start = process.hrtime.bigint();
  const reopened = createFileQueue({ dir, process: never, concurrency: 1 });
  await reopened.ready();
  const replay = ms(start);
  const counts = await reopened.counts();
  await reopened.close();
  console.log(
    `backlog of ${backlog} deliveries (~2.4 KB each): heap +${heap.toFixed(1)} MB held; ` +
      `replayed on start in ${replay.toFixed(0)} ms (${counts.waiting + counts.active} waiting)`,
  );
});
