import { createMauticClient, type WooOrder } from '@mautic-woo/sync';
import { CustomerHistory } from '@mautic-woo/sync/woo';
import { type ContactState, startFakeProcess } from './fake-process';
import { makeOrder } from './orders';
import { type BenchResult, fixed } from './report';

/**
 * The batch backfill beside the per-order one: the same orders (`orders` of `customers`, in date
 * order, some refunded) into two fresh fake Mautics that add `latencyMs` to every request, one by
 * `syncOrders(…, { mode: 'batch' })`, one by the per-order path given the same lifetime totals
 * (`customerTotalsFor`, from CustomerHistory). Counts requests at the server, times both, and
 * compares what each left in Mautic, contact by contact.
 */

const STATUSES = ['completed', 'completed', 'processing', 'refunded', 'on-hold'] as const;

function history(count: number, customers: number): WooOrder[] {
  const start = Date.parse('2024-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const order = makeOrder(100_000 + i, i % customers);
    const status = STATUSES[i % STATUSES.length] as WooOrder['status'];
    const date = new Date(start + i * 60_000).toISOString().slice(0, 19);
    const refunds = status === 'refunded' ? [{ id: i, total: `-${order.total}` }] : [];
    return { ...order, status, date_created_gmt: date, date_created: date, refunds };
  });
}

/** Lifetime totals per customer from the whole input, as a shop's own report would give them. */
function lifetimeTotals(orders: WooOrder[]) {
  const byEmail = new Map<string, CustomerHistory>();
  for (const order of orders) {
    const email = String(order.billing?.email).toLowerCase();
    const known = byEmail.get(email);
    if (known) known.add(order);
    else byEmail.set(email, new CustomerHistory(order));
  }
  return (order: WooOrder) => {
    const summary = byEmail.get(String(order.billing?.email).toLowerCase())?.summary();
    return summary && { totalSpent: summary.totalSpent, orderCount: summary.orderCount };
  };
}

function differences(a: ContactState[], b: ContactState[]): string[] {
  const out: string[] = [];
  const other = new Map(b.map((c) => [c.email, c]));
  if (a.length !== b.length) out.push(`${a.length} contacts against ${b.length}`);
  for (const contact of a) {
    const twin = other.get(contact.email);
    if (JSON.stringify(contact) !== JSON.stringify(twin)) out.push(contact.email);
  }
  return out;
}

const withEmail = (order: WooOrder, email: string): WooOrder => ({ ...order, billing: { ...order.billing, email } });

/** Requests per route since `before`. */
function minus(after: Map<string, number>, before: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, count] of after) if (count > (before.get(key) ?? 0)) out.set(key, count - (before.get(key) ?? 0));
  return out;
}

const sum = (counts: Map<string, number>) => [...counts.values()].reduce((x, y) => x + y, 0);

export async function benchBatch(
  options: { orders?: number; customers?: number; latencyMs?: number; concurrency?: number } = {},
): Promise<BenchResult> {
  const count = options.orders ?? 10_000;
  const customers = options.customers ?? 4_000;
  const latencyMs = options.latencyMs ?? 20;
  const concurrency = options.concurrency ?? 8;
  const orders = history(count, customers);
  const auth = { type: 'basic', username: 'bench', password: 'secret' } as const;

  const batchServer = await startFakeProcess({ latencyMs });
  const orderServer = await startFakeProcess({ latencyMs });
  // Warm-up: both paths against both servers, each on customers of its own, so JIT and first-use
  // costs (the workflows' dynamic import, the fake's handlers) count against neither path, and
  // both fakes hold the same warm-up contacts.
  // The batch path folds thousands of orders in a burst: its warm-up is large enough for the JIT to
  // optimize the fold (a 400-order one left the timed run ~2× slower); it costs 10 requests.
  const warmBatch = history(4_000, 2_000).map((o) => withEmail(o, `warm-batch-${o.billing?.email}`));
  const warmOrder = history(400, 200).map((o) => withEmail(o, `warm-order-${o.billing?.email}`));
  for (const server of [batchServer, orderServer]) {
    await createMauticClient({ baseUrl: server.url, auth }).syncOrders(warmBatch, { mode: 'batch' });
    await createMauticClient({ baseUrl: server.url, auth }).syncOrders(warmOrder, {
      concurrency,
      strategy: 'merge',
      customerTotalsFor: lifetimeTotals(warmOrder),
    });
  }
  const before = { batch: await batchServer.counts(), order: await orderServer.counts() };
  try {
    let started = performance.now();
    const batch = await createMauticClient({ baseUrl: batchServer.url, auth }).syncOrders(orders, { mode: 'batch' });
    const batchSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    const perOrder = await createMauticClient({ baseUrl: orderServer.url, auth }).syncOrders(orders, {
      concurrency,
      strategy: 'merge',
      customerTotalsFor: lifetimeTotals(orders),
    });
    const orderSeconds = (performance.now() - started) / 1000;

    const batchCounts = minus(await batchServer.counts(), before.batch);
    const orderCounts = minus(await orderServer.counts(), before.order);
    const batchRequests = sum(batchCounts);
    const fieldChecks = batchCounts.get('GET /api/fields/contact') ?? 0;
    const diff = differences(await batchServer.state(), await orderServer.state());
    const speedup = orderSeconds / batchSeconds;
    const perRequest = customers / (batchRequests - fieldChecks);
    const same = diff.length === 0;
    return {
      title: `6. Batch backfill (${count.toLocaleString('en')} orders of ${customers.toLocaleString('en')} customers, +${latencyMs} ms per request)`,
      tables: [
        {
          head: ['path', 'orders ok / failed', 'requests at the server', 'customers per write request', 'wall time'],
          rows: [
            [
              "syncOrders mode 'batch' (200 a request, 4 in flight)",
              `${batch.ok} / ${batch.failed}`,
              `${batchRequests} (${[...batchCounts].map(([k, v]) => `${v} ${k}`).join(', ')})`,
              fixed(perRequest, 1),
              `${fixed(batchSeconds, 2)} s`,
            ],
            [
              `syncOrders per order (strategy merge, concurrency ${concurrency})`,
              `${perOrder.ok} / ${perOrder.failed}`,
              `${sum(orderCounts)} (${[...orderCounts].map(([k, v]) => `${v} ${k}`).join(', ')})`,
              fixed(customers / Math.max(1, sum(orderCounts) - (orderCounts.get('GET /api/fields/contact') ?? 0)), 3),
              `${fixed(orderSeconds, 2)} s`,
            ],
          ],
        },
      ],
      notes: [
        `Batch mode is ${fixed(speedup, 1)}× faster than the per-order path, with ${batchRequests} requests against ${sum(orderCounts)}.`,
        same
          ? `End state: the ${customers.toLocaleString('en')} contacts (and the 2,200 of the warm-up, written alike in both) are the same in both fakes (every field value and tag compared).`
          : `End state DIFFERS for ${diff.length} contacts, e.g. ${diff.slice(0, 3).join(', ')}.`,
        'Both paths are warmed up first on customers of their own, in both fakes (4,000 orders in batch mode, 400 per order): the batch run is short, so an unwarmed JIT would dominate it.',
        'The orders are in date order; statuses cycle through completed, processing, refunded (fully refunded) and on-hold, so totals count paid orders with refunds subtracted. The per-order path is given the same lifetime totals (customerTotalsFor), as it cannot compute them. Each fake Mautic runs in its own process.',
      ],
      targets: [
        {
          benchmark: '6. batch requests',
          target: '≤ 1 request per 150 customers, plus the field check',
          measured: `${batchRequests - fieldChecks} + ${fieldChecks} for ${customers} customers (${fixed(perRequest, 1)} a request)`,
          met: perRequest >= 150 && batch.failed === 0,
        },
        {
          benchmark: '6. batch speed',
          target: '≥ 50× the per-order path at 20 ms',
          measured: `${fixed(speedup, 1)}× (${fixed(batchSeconds, 2)} s against ${fixed(orderSeconds, 2)} s)`,
          met: speedup >= 50,
        },
        {
          benchmark: '6. batch end state',
          target: 'the same contacts as the per-order path',
          measured: same ? 'same' : `${diff.length} differ`,
          met: same && perOrder.failed === 0,
        },
      ],
    };
  } finally {
    await batchServer.close();
    await orderServer.close();
  }
}
