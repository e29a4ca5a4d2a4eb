import { type FakeMauticOptions, type FakeMauticServer, startFakeMautic } from '@mautic-woo/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CustomerOutcome,
  emailHash,
  MAUTIC_WOO_FIELDS,
  MauticInvalidInputError,
  MauticServerError,
  MauticValidationError,
  MemoryErasureLog,
  MemoryKeyedSerializer,
  type WooOrder,
} from '../../src';
import { CustomerHistory, createWooReader } from '../../src/woo-entry';
import { basicClient, recorded, refusal } from '../helpers/harness';
import { order723, order727 } from '../helpers/woo-fixtures';

/**
 * The batch backfill against the fake Mautic's batch endpoints, which follow Mautic's rules
 * (per-item 200/201/4xx keyed by request index, 500 over `api_batch_max_limit`).
 */

let fake: FakeMauticServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: FakeMauticOptions = {}): Promise<FakeMauticServer> {
  fake = await startFakeMautic({ fields: MAUTIC_WOO_FIELDS.map((f) => f.alias), ...options });
  return fake;
}

/** Order 723 (BR/RJ, completed, 39.00 with 19.00 refunded) for `email`, with its own id and date. */
function order(id: number, email: string, changes: Partial<WooOrder> = {}): WooOrder {
  return { ...order723(), id, number: String(id), billing: { ...order723().billing, email }, ...changes };
}

const batchRequests = (server: FakeMauticServer) =>
  server.server.requests.filter((r) => r.path === '/api/contacts/batch/new');
const emailsIn = (body: unknown) => (body as Array<{ email: string }>).map((item) => item.email);
const values = (server: FakeMauticServer, email: string) => server.mautic.contact(email)?.values;
const summaryOf = (first: WooOrder) => new CustomerHistory(first).summary();

describe("syncOrders in mode 'batch'", () => {
  it('folds each customer into one write and reads a batch with 200, 201 and 400 items', async () => {
    const server = await start({ charLengthLimit: 64 });
    await server.mautic.createContact({ email: 'known@example.com', lastname: 'Kept' });
    const input = [
      order(1, 'new@example.com', { date_created_gmt: '2026-01-01T10:00:00' }),
      order(2, 'known@example.com'),
      order(3, 'New@Example.com', {
        status: 'processing',
        total: '50.00',
        refunds: [],
        date_created_gmt: '2026-02-01T10:00:00',
      }),
      order(4, 'new@example.com', {
        status: 'failed',
        total: '99.00',
        refunds: [],
        date_created_gmt: '2025-12-01T10:00:00',
      }),
      order(5, 'long@example.com', {
        billing: { ...order723().billing, email: 'long@example.com', first_name: 'x'.repeat(65) },
      }),
    ];
    const outcomes: CustomerOutcome[] = [];
    const client = basicClient(server.server);
    const summary = await client.syncOrders(input, { mode: 'batch', onCustomerResult: (o) => void outcomes.push(o) });
    recorded.errors.push(...summary.failedCustomers.map((f) => f.error));

    const [request, ...more] = batchRequests(server);
    expect(more).toEqual([]);
    expect(emailsIn(request?.body)).toEqual(['known@example.com', 'new@example.com', 'long@example.com']);
    expect(summary).toMatchObject({ total: 5, ok: 4, failed: 1, customers: { ok: 2, failed: 1 }, failures: [] });
    // The field check and one batch.
    expect(summary.requests).toBe(2);

    const byEmail = new Map(outcomes.map((o) => [o.email, o]));
    expect(byEmail.get('known@example.com')).toMatchObject({ ok: true, created: false, orderIds: [2] });
    expect(byEmail.get('new@example.com')).toMatchObject({ ok: true, created: true, orderIds: [1, 3, 4] });
    // Paid orders only, refunds subtracted: (39 − 10 − 9) + 50; the failed order counts for neither.
    expect(values(server, 'new@example.com')).toMatchObject({
      mautic_woo_total_spent: 70,
      mautic_woo_order_count: 2,
      country: 'Brazil',
    });
    // The latest order by date (3), although order 4 came later in the input.
    expect(JSON.parse(String(values(server, 'new@example.com')?.mautic_woo_order_data)).id).toBe(3);
    expect([...(server.mautic.contact('new@example.com')?.tags ?? [])].sort()).toEqual([
      'order_completed',
      'order_failed',
      'order_processing',
    ]);
    expect(values(server, 'known@example.com')).toMatchObject({ lastname: 'Silva', mautic_woo_order_count: 1 });

    const [failed] = summary.failedCustomers;
    expect(failed?.customer.orderIds).toEqual([5]);
    expect(failed?.error).toBeInstanceOf(MauticValidationError);
    expect((failed?.error as MauticValidationError | undefined)?.fieldErrors.firstname).toBeDefined();
    expect(server.mautic.contact('long@example.com')).toBeUndefined();
  });

  it('splits a batch Mautic refuses for its size (500, not 400) and keeps the smaller size', async () => {
    const server = await start({ batchLimit: 2 });
    const client = basicClient(server.server, { maxRetries: 0 });
    const input = [1, 2, 3, 4, 5].map((n) => order(n, `c${n}@example.com`));
    const summary = await client.syncOrders(input, { mode: 'batch' });

    const sizes = batchRequests(server).map((r) => (r.body as unknown[]).length);
    expect(sizes).toEqual([5, 2, 2, 1]);
    expect(summary).toMatchObject({ ok: 5, failed: 0, failedCustomers: [] });
    expect(server.mautic.contacts).toHaveLength(5);
  });

  it('ends a batch refused for good as failure records of its customers, with their order ids', async () => {
    const server = await start();
    server.fail('POST', '/api/contacts/batch/new', () => ({
      status: 500,
      json: { errors: [{ code: 500, message: 'Looks like I encountered an error (error #500).' }] },
    }));
    const client = basicClient(server.server, { maxRetries: 0 });
    const summary = await client.syncOrders([order(1, 'a@example.com'), order(2, 'a@example.com')], { mode: 'batch' });
    expect(summary.failedCustomers).toHaveLength(1);
    expect(summary.failedCustomers[0]?.customer.orderIds).toEqual([1, 2]);
    expect(summary.failedCustomers[0]?.error).toBeInstanceOf(MauticServerError);
    expect(summary).toMatchObject({ ok: 0, failed: 2 });
  });

  it('retries an item whose region Mautic refuses without it, for that contact only', async () => {
    const server = await start({ refusedRegions: ['Rio de Janeiro'] });
    const outcomes: CustomerOutcome[] = [];
    const client = basicClient(server.server);
    const summary = await client.syncOrders(
      [order(1, 'rio@example.com'), { ...order727(), billing: { ...order727().billing, email: 'sf@example.com' } }],
      { mode: 'batch', onCustomerResult: (o) => void outcomes.push(o) },
    );

    expect(summary).toMatchObject({ ok: 2, failed: 0 });
    const [first, second, ...more] = batchRequests(server);
    expect(more).toEqual([]);
    expect(emailsIn(first?.body)).toEqual(['rio@example.com', 'sf@example.com']);
    expect(emailsIn(second?.body)).toEqual(['rio@example.com']);
    expect((second?.body as Array<Record<string, unknown>> | undefined)?.[0]).not.toHaveProperty('state');
    expect(values(server, 'rio@example.com')).toMatchObject({ country: 'Brazil' });
    expect(values(server, 'rio@example.com')).not.toHaveProperty('state');
    expect(values(server, 'sf@example.com')).toMatchObject({ state: 'California', country: 'United States' });
    expect(outcomes.find((o) => o.email === 'rio@example.com')).toMatchObject({ ok: true, droppedFields: ['state'] });
    expect(outcomes.find((o) => o.email === 'sf@example.com')).toMatchObject({ ok: true, droppedFields: [] });
  });

  it('re-runs the failed customers alone and ends in the state one clean run gives', async () => {
    const server = await start();
    let faulty = true;
    server.fail('POST', '/api/contacts/batch/new', (r) =>
      faulty && emailsIn(r.body).includes('c3@example.com') ? { status: 503, body: '<html>down</html>' } : undefined,
    );
    const input = [0, 1, 2, 3, 4, 5, 0, 3].map((c, i) => order(100 + i, `c${c}@example.com`));
    const client = basicClient(server.server, { maxRetries: 0 });
    const first = await client.syncOrders(input, { mode: 'batch', batchSize: 2 });
    recorded.errors.push(...first.failedCustomers.map((f) => f.error));
    // Customers leave the window in the order they were last seen: [1, 2], [4, 5], [0, 3].
    expect(first.failedCustomers.map((f) => f.customer.email).sort()).toEqual(['c0@example.com', 'c3@example.com']);
    expect(first.failedCustomers.map((f) => f.customer.orderIds)).toEqual([
      [100, 106],
      [103, 107],
    ]);

    faulty = false;
    const before = batchRequests(server).length;
    const retry = await client.syncOrders(first.failedCustomers, { mode: 'batch' });
    const rerun = batchRequests(server).slice(before);
    expect(rerun.map((r) => emailsIn(r.body))).toEqual([['c0@example.com', 'c3@example.com']]);
    expect(retry).toMatchObject({ total: 4, ok: 4, failed: 0, failedCustomers: [] });
    for (let c = 0; c < 6; c++) {
      const orders = c === 0 || c === 3 ? 2 : 1;
      expect(values(server, `c${c}@example.com`), `c${c}`).toMatchObject({
        mautic_woo_order_count: orders,
        mautic_woo_total_spent: 20 * orders,
      });
    }
  });

  it('keeps at most batchConcurrency requests in flight and one write per customer at a time', async () => {
    const server = await start();
    let open = 0;
    let most = 0;
    server.fail('POST', '/api/contacts/batch/new', async () => {
      open++;
      most = Math.max(most, open);
      await new Promise((resolve) => setTimeout(resolve, 20));
      open--;
      return undefined;
    });
    const input = Array.from({ length: 60 }, (_, i) => order(i + 1, `c${i % 30}@example.com`));
    const summary = await basicClient(server.server).syncOrders(input, {
      mode: 'batch',
      batchSize: 5,
      batchConcurrency: 2,
      windowCustomers: 10,
    });
    expect(summary).toMatchObject({ ok: 60, failed: 0 });
    expect(most).toBeLessThanOrEqual(2);
    expect(server.mautic.duplicateContacts()).toEqual([]);
    expect(server.mautic.contacts).toHaveLength(30);
  });

  it("skips an erased customer's orders dated before the erasure; one dated after it is the customer back", async () => {
    const server = await start();
    const erasures = new MemoryErasureLog();
    const erasedAt = Date.parse('2026-03-01T00:00:00Z');
    await erasures.record(await emailHash('gone@example.com'), erasedAt);
    const client = basicClient(server, { erasures });
    const summary = await client.syncOrders(
      [
        order(11, 'gone@example.com', { date_created_gmt: '2026-02-01T10:00:00' }),
        order(12, 'kept@example.com', { date_created_gmt: '2026-02-01T10:00:00' }),
        order(13, 'Gone@Example.com', { date_created_gmt: '2026-02-20T10:00:00' }),
      ],
      { mode: 'batch' },
    );
    expect(summary).toMatchObject({ total: 3, ok: 3, failed: 0, skipped: 2, customers: { ok: 1, failed: 0 } });
    expect(server.mautic.contact('gone@example.com')).toBeUndefined();
    expect(batchRequests(server).flatMap((r) => emailsIn(r.body))).toEqual(['kept@example.com']);

    // A failure record of that customer from before the erasure is skipped too; a new order is written.
    const again = await client.syncOrders(
      [
        { customer: { ...summaryOf(order(14, 'gone@example.com')), latestDate: '2026-02-01T10:00:00' } },
        order(15, 'gone@example.com', { date_created_gmt: '2026-03-02T10:00:00' }),
      ],
      { mode: 'batch' },
    );
    expect(again).toMatchObject({ total: 2, ok: 2, skipped: 1, customers: { ok: 1 } });
    expect(values(server, 'gone@example.com')?.mautic_woo_order_count).toBe(1);
  });

  it('looks each customer up once ahead of the fold (the lookups running together) and once under its lock', async () => {
    const server = await start();
    let lookups = 0;
    let open = 0;
    let mostAtOnce = 0;
    // A shared log answers after a round trip; this one answers once several lookups are waiting.
    const waiting: Array<() => void> = [];
    const erasures = {
      record: async () => {},
      erasedAt: async () => {
        lookups++;
        mostAtOnce = Math.max(mostAtOnce, ++open);
        await new Promise<void>((resolve) => {
          const releaseAll = () => {
            for (const release of waiting.splice(0)) release();
          };
          waiting.push(resolve);
          // Five waiting at once proves the lookahead; the rest go on the next turn of the loop.
          if (waiting.length >= 5) releaseAll();
          else setImmediate(releaseAll);
        });
        open--;
        return undefined;
      },
    };
    const input = Array.from({ length: 30 }, (_, i) => order(100 + i, `c${i % 10}@example.com`));
    const summary = await basicClient(server, { erasures }).syncOrders(input, { mode: 'batch' });
    expect(summary).toMatchObject({ total: 30, ok: 30, skipped: 0, customers: { ok: 10 } });
    // 10 customers: once each while folding, once each again when their batch holds their locks.
    expect(lookups).toBe(20);
    expect(mostAtOnce).toBeGreaterThanOrEqual(5);
  });

  it('writes under each customer’s lock, and an erasure that took the lock first wins', async () => {
    const server = await start();
    const memory = new MemoryKeyedSerializer();
    let asked!: () => void;
    const batchAsks = new Promise<void>((resolve) => {
      asked = resolve;
    });
    const serializer = {
      run<T>(key: string, work: () => Promise<T>): Promise<T> {
        if (key === 'gone@example.com') asked();
        return memory.run(key, work);
      },
    };
    const erasures = new MemoryErasureLog();
    // A live sync (or eraseCustomer) of that customer holds its lock when the batch comes to write it.
    let release!: () => void;
    const live = memory.run('gone@example.com', () => new Promise<void>((resolve) => (release = resolve)));
    const client = basicClient(server, { serializer, erasures });
    const run = client.syncOrders(
      [order(1, 'gone@example.com', { date_created_gmt: '2026-01-01T10:00:00' }), order(2, 'kept@example.com')],
      { mode: 'batch' },
    );
    await batchAsks;
    // Folded as not erased; erased while the batch waits for the lock.
    await erasures.record(await emailHash('gone@example.com'), Date.now());
    release();
    await live;
    const summary = await run;
    expect(summary).toMatchObject({ total: 2, ok: 2, failed: 0, skipped: 1, customers: { ok: 1, failed: 0 } });
    expect(server.mautic.contact('gone@example.com')).toBeUndefined();
    expect(server.mautic.contact('kept@example.com')).toBeDefined();
    expect(batchRequests(server).flatMap((request) => emailsIn(request.body))).toEqual(['kept@example.com']);
  });

  it('a customer lock that cannot be taken fails that batch’s customers as failure records, and the run goes on', async () => {
    const server = await start();
    const memory = new MemoryKeyedSerializer();
    const serializer = {
      run<T>(key: string, work: () => Promise<T>): Promise<T> {
        if (key === 'locked.out@example.com') return Promise.reject(new Error('lock store unreachable'));
        return memory.run(key, work);
      },
    };
    const client = basicClient(server, { serializer });
    const input = [order(1, 'locked.out@example.com'), order(2, 'other@example.com'), order(3, 'third@example.com')];
    // One customer a batch: only the locked-out customer's batch fails.
    const summary = await client.syncOrders(input, { mode: 'batch', batchSize: 1 });
    expect(summary).toMatchObject({ total: 3, ok: 2, failed: 1, customers: { ok: 2, failed: 1 } });
    expect(summary.failedCustomers.map((failed) => failed.customer.email)).toEqual(['locked.out@example.com']);
    expect(summary.failedCustomers[0]?.error.message).toContain('lock store unreachable');
    expect(server.mautic.contact('locked.out@example.com')).toBeUndefined();
    expect(server.mautic.contact('other@example.com')).toBeDefined();
  });

  it('refuses what batch mode does not do, before any request', async () => {
    const server = await start();
    const client = basicClient(server.server);
    for (const options of [
      { note: true },
      { emailOnStatus: { completed: 3 } },
      { batchSize: 201 },
      { batchConcurrency: 0 },
      { strategy: 'lookup' as const },
      { resendUncertain: true },
      { woo: createWooReader({ url: server.url, consumerKey: 'ck_x', consumerSecret: 'cs_x' }) },
    ]) {
      expect(
        await refusal(() => client.syncOrders([order(1, 'a@example.com')], { mode: 'batch', ...options })),
      ).toBeInstanceOf(MauticInvalidInputError);
    }
    expect(await refusal(() => client.syncOrders([], { batchSize: 50 }))).toBeInstanceOf(MauticInvalidInputError);
    expect(server.server.requests).toEqual([]);
  });
});
