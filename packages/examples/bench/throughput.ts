import { createMauticClient } from '@mautic-woo/sync';
import { makeOrder } from './orders';
import { type BenchResult, fixed } from './report';
import { startRemoteMautic } from './server-process';

/**
 * Backfill throughput against a server that adds a fixed latency to every request. With
 * `concurrency` orders in flight, each needing `r` sequential requests of `latency` seconds, no
 * client can beat `concurrency / (r × latency)` orders per second; the ratio to that limit is the
 * share of the time the client keeps all its lanes busy.
 */

export async function benchThroughput(
  options: { orders?: number; concurrency?: number; latencyMs?: number } = {},
): Promise<BenchResult> {
  const orders = options.orders ?? 2_000;
  const concurrency = options.concurrency ?? 8;
  const latencyMs = options.latencyMs ?? 20;
  const server = await startRemoteMautic({ latencyMs, remember: true });
  try {
    const client = createMauticClient({
      baseUrl: server.url,
      auth: { type: 'basic', username: 'bench', password: 'secret' },
    });
    // One warm-up order (its customer is not reused), so JIT and the connection pool are ready.
    await client.syncOrder(makeOrder(1, 1_000_000), { note: true });
    await server.resetCounts();

    const input = Array.from({ length: orders }, (_, i) => makeOrder(10_000 + i, i));
    const started = performance.now();
    const summary = await client.syncOrders(input, { concurrency, note: true });
    const seconds = (performance.now() - started) / 1000;

    const stats = await server.stats();
    const requests = stats.total;
    const perOrder = requests / orders;
    const servedLatency = stats.servedMs / requests;
    const perSecond = summary.ok / seconds;
    const limit = concurrency / (perOrder * (latencyMs / 1000));
    const ratio = perSecond / limit;
    // The same bound with the latency the server actually served (timers fire a little late).
    const servedLimit = concurrency / (perOrder * (servedLatency / 1000));
    return {
      title: `3. Backfill throughput (${orders} orders, concurrency ${concurrency}, +${latencyMs} ms per request)`,
      tables: [
        {
          head: ['metric', 'value'],
          rows: [
            ['orders ok / failed', `${summary.ok} / ${summary.failed}`],
            ['wall time', `${fixed(seconds, 2)} s`],
            ['requests at the server', requests],
            ['requests per order (measured)', fixed(perOrder, 3)],
            ['orders/s', fixed(perSecond, 1)],
            [`limit = ${concurrency} / (${fixed(perOrder, 3)} × ${latencyMs} ms)`, `${fixed(limit, 1)} orders/s`],
            ['ratio to limit', fixed(ratio, 3)],
            ['latency actually served (mean, arrival → answer)', `${fixed(servedLatency, 2)} ms`],
            ['ratio to the limit at the served latency', fixed(perSecond / servedLimit, 3)],
          ],
        },
      ],
      notes: [
        'Each order: contact lookup + create (distinct customers) + note; the field check runs once per client (in the warm-up).',
        'The server runs in its own process, as a real Mautic would be elsewhere: on one event loop with the client, its work and the client’s queue behind each other (0.81 in an earlier run that way).',
        'setTimeout fires a little after the asked delay, so the server serves slightly more than the nominal latency; the target uses the nominal one.',
      ],
      targets: [
        {
          benchmark: '3. throughput',
          target: 'ratio to limit ≥ 0.85',
          measured: `${fixed(ratio, 3)} (${fixed(perSecond, 1)} of ${fixed(limit, 1)} orders/s)`,
          met: ratio >= 0.85 && summary.failed === 0,
          note: `${fixed(0.85 - ratio, 3)} short`,
        },
      ],
    };
  } finally {
    await server.close();
  }
}
