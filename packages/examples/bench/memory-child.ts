import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createMauticClient, type WooOrder } from '@mautic-woo/sync';

/**
 * The backfill side of the memory benchmark, alone in its process so its peak RSS is its own:
 * reads `limit` orders from an NDJSON file line by line and streams them into syncOrders (mode
 * `sync`; mode `batch`: `syncOrders(…, { mode: 'batch' })`), or sends the same contact writes with
 * plain fetch (mode `fetch`, the reference).
 * Prints one JSON line on stdout. memory.ts bundles and runs it; not meant to be run by hand.
 */

export interface MemoryReport {
  mode: 'sync' | 'batch' | 'fetch';
  orders: number;
  ok: number;
  failed: number;
  seconds: number;
  /** RSS after imports and client creation, before the first order. */
  baselineRss: number;
  /** Highest RSS seen by a 50 ms sampler. */
  sampledPeakRss: number;
  /** The kernel's peak RSS for the process (getrusage ru_maxrss), in bytes. */
  maxRss: number;
  heapUsedAfter: number;
}

async function* readOrders(file: string, limit: number): AsyncGenerator<WooOrder> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  let count = 0;
  try {
    for await (const line of lines) {
      if (count >= limit) return;
      if (line.trim() === '') continue;
      count++;
      yield JSON.parse(line) as WooOrder;
    }
  } finally {
    lines.close();
  }
}

/** The same writes without the library: what Node and undici alone cost for this traffic. */
async function plainFetch(orders: AsyncGenerator<WooOrder>, baseUrl: string, concurrency: number) {
  let ok = 0;
  const worker = async () => {
    for (let next = await orders.next(); !next.done; next = await orders.next()) {
      const order = next.value;
      const res = await fetch(`${baseUrl}/api/contacts/new`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Basic ${btoa('bench:secret')}` },
        body: JSON.stringify({ email: order.billing?.email, firstname: order.billing?.first_name, order }),
        signal: AbortSignal.timeout(30_000),
      });
      await res.json();
      ok++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { total: ok, ok, failed: 0 };
}

async function main(): Promise<void> {
  const [mode, file, limitText, baseUrl, concurrencyText, windowText] = process.argv.slice(2);
  if ((mode !== 'sync' && mode !== 'batch' && mode !== 'fetch') || !file || !limitText || !baseUrl) {
    throw new Error('usage: memory-child sync|batch|fetch <file> <limit> <baseUrl> [concurrency] [windowCustomers]');
  }
  const limit = Number(limitText);
  const concurrency = Number(concurrencyText ?? 8);
  const client = createMauticClient({ baseUrl, auth: { type: 'basic', username: 'bench', password: 'secret' } });
  let sampledPeakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    sampledPeakRss = Math.max(sampledPeakRss, process.memoryUsage.rss());
  }, 50);
  const baselineRss = process.memoryUsage.rss();
  const started = performance.now();
  const orders = readOrders(file, limit);
  const summary =
    mode === 'sync'
      ? await client.syncOrders(orders, { concurrency, strategy: 'merge' })
      : mode === 'batch'
        ? await client.syncOrders(orders, {
            mode: 'batch',
            ...(windowText ? { windowCustomers: Number(windowText) } : {}),
          })
        : await plainFetch(orders, baseUrl, concurrency);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  sampledPeakRss = Math.max(sampledPeakRss, process.memoryUsage.rss());
  const report: MemoryReport = {
    mode,
    orders: summary.total,
    ok: summary.ok,
    failed: summary.failed,
    seconds,
    baselineRss,
    sampledPeakRss,
    maxRss: process.resourceUsage().maxRSS * 1024,
    heapUsedAfter: process.memoryUsage().heapUsed,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

await main();
