import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAUTIC_WOO_FIELDS, type WooOrder } from '@mautic-woo/sync';
import { type FakeMauticServer, startFakeMautic } from '@mautic-woo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers';
import { generateOrders } from './orders';

const PASSWORD = 'batch-backfill-pw-41';
let fake: FakeMauticServer;
let dir: string;
let down = new Set<string>();

beforeAll(async () => {
  fake = await startFakeMautic({ fields: MAUTIC_WOO_FIELDS.map((f) => f.alias) });
  // A batch that holds one of the `down` customers fails as a whole, as a 503 from a proxy would.
  fake.fail('POST', '/api/contacts/batch/new', (request) => {
    const emails = (request.body as Array<{ email: string }>).map((item) => item.email);
    return emails.some((email) => down.has(email)) ? { status: 503, body: '<html>503</html>' } : undefined;
  });
  dir = await mkdtemp(join(tmpdir(), 'mautic-woo-batch-'));
});

afterAll(async () => {
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const env = () => ({ MAUTIC_URL: fake.url, MAUTIC_USERNAME: 'api-user', MAUTIC_PASSWORD: PASSWORD });
const batchRequests = () => fake.server.requests.filter((r) => r.path === '/api/contacts/batch/new');

/** `count` orders of `customers` customers (customer-1 … customer-N). */
function orders(count: number, customers: number): WooOrder[] {
  return generateOrders(count).map((order, i) => ({
    ...order,
    billing: { ...order.billing, email: `customer-${(i % customers) + 1}@example.com` },
  }));
}

describe('mautic-woo backfill in batch mode (the default)', () => {
  it('writes one contact per customer, 200 a request, and shows the requests made', async () => {
    const input = join(dir, 'orders.ndjson');
    await writeFile(
      input,
      orders(450, 250)
        .map((o) => JSON.stringify(o))
        .join('\n'),
    );
    const before = batchRequests().length;
    const result = await runCli(['backfill', input], env());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('batch mode: one write per customer, 200 a request');
    // The field check and two batches (250 customers).
    expect(result.stdout).toMatch(/450 processed, 450 synced, 0 failed .*, 3 requests to Mautic/);
    expect(batchRequests().length - before).toBe(2);
    expect(fake.mautic.contacts).toHaveLength(250);
    expect(fake.mautic.contact('customer-1@example.com')?.values.mautic_woo_order_count).toBeGreaterThan(0);
  });

  it('writes a failed customer as one record, and the retry writes only those customers', async () => {
    down = new Set(['customer-301@example.com']);
    const input = join(dir, 'more.ndjson');
    const failuresPath = join(dir, 'more.failed.ndjson');
    const list = orders(10, 5).map((o, i) => ({
      ...o,
      id: 50_000 + i,
      billing: { ...o.billing, email: `customer-${301 + (i % 5)}@example.com` },
    }));
    await writeFile(input, list.map((o) => JSON.stringify(o)).join('\n'));
    const first = await runCli(['backfill', input], env());
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('5 failure records (10 orders) failed:');
    const records = (await readFile(failuresPath, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { customer: { email: string; orderIds: number[] }; error: string });
    expect(records.map((r) => r.customer.email).sort()).toEqual(
      [301, 302, 303, 304, 305].map((n) => `customer-${n}@example.com`),
    );
    expect(records.find((r) => r.customer.email === 'customer-301@example.com')?.customer.orderIds).toEqual([
      50_000, 50_005,
    ]);

    down = new Set();
    const before = batchRequests().length;
    const retry = await runCli(['backfill', failuresPath], env());
    expect(retry.code, retry.stdout).toBe(0);
    const sent = batchRequests().slice(before);
    expect(sent.flatMap((r) => (r.body as Array<{ email: string }>).map((item) => item.email)).sort()).toEqual(
      records.map((r) => r.customer.email).sort(),
    );
    expect(fake.mautic.contact('customer-301@example.com')?.values.mautic_woo_order_count).toBe(2);
  });
});
