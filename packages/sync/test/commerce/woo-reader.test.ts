import { type FakeMauticServer, type ScriptedServer, startFakeMautic, startScriptedServer } from '@mautic-woo/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAUTIC_WOO_FIELDS, MauticInvalidInputError, WooCommerceApiError } from '../../src';
import { createWooReader } from '../../src/woo-entry';
import { basicClient, MARKER, recorded, refusal, rejection } from '../helpers/harness';
import { customerReport, order723, order727 } from '../helpers/woo-fixtures';

const REPORT = '/wp-json/wc-analytics/reports/customers';
const SECRET = `cs_${MARKER}_secret`;
let woo: ScriptedServer;
let fake: FakeMauticServer;
beforeEach(async () => {
  woo = await startScriptedServer();
  fake = await startFakeMautic({ fields: MAUTIC_WOO_FIELDS.map((f) => f.alias) });
});
afterEach(async () => {
  await woo.close();
  await fake.close();
});

const reader = (options: { timeoutMs?: number } = {}) =>
  createWooReader({ url: woo.url, consumerKey: 'ck_key', consumerSecret: SECRET, ...options });
const query = () => Object.fromEntries(woo.received('GET', REPORT)[0]?.query ?? []);

describe('createWooReader: lifetime totals from WooCommerce Analytics', () => {
  it('a registered customer by user id, with Basic auth, over the customer report', async () => {
    woo.route('GET', REPORT, { json: customerReport('registered') });
    const totals = await reader().customerTotals({ email: 'joao.silva@example.com', customerId: 26 });
    expect(totals).toEqual({ totalSpent: 100, orderCount: 1 });
    const [request] = woo.received('GET', REPORT);
    expect(request?.headers.authorization).toBe(`Basic ${btoa(`ck_key:${SECRET}`)}`);
    expect(query()).toMatchObject({ users: '26', force_cache_refresh: 'true' });
  });

  it('a guest by exact email: the LIKE search also returns a longer address, which is not counted', async () => {
    woo.route('GET', REPORT, { json: customerReport('guest-search') });
    const totals = await reader().customerTotals({ email: 'John.Doe@example.com', customerId: 0 });
    expect(totals).toEqual({ totalSpent: 58.7, orderCount: 2 });
    expect(query()).toMatchObject({ search: 'John.Doe@example.com', searchby: 'email' });
  });

  it('null when Analytics has no row for the customer', async () => {
    woo.route('GET', REPORT, { json: [] });
    expect(await reader().customerTotals({ email: 'nobody@example.com' })).toBeNull();
  });

  it("WooCommerce's error answers become a typed error with its code, and no secret or email in it", async () => {
    woo.route('GET', REPORT, {
      status: 401,
      json: {
        code: 'woocommerce_rest_cannot_view',
        message: 'Sorry, you cannot list resources.',
        data: { status: 401 },
      },
    });
    const error = await rejection(reader().customerTotals({ email: 'john.doe@example.com' }));
    expect(error).toBeInstanceOf(WooCommerceApiError);
    expect(error).toMatchObject({ status: 401, code: 'woocommerce_rest_cannot_view', url: REPORT });
    expect(JSON.stringify(error)).not.toMatch(/john\.doe|S3CR3T/);
  });

  it('a body that is not the report (Analytics off, a login page) is an error, not zero totals', async () => {
    woo.route('GET', REPORT, { body: '<html>Log in</html>', headers: { 'content-type': 'text/html' } });
    const error = await rejection(reader().customerTotals({ email: 'john.doe@example.com' }));
    expect(error).toBeInstanceOf(WooCommerceApiError);
  });

  it('refuses plain HTTP to a remote shop and missing credentials, before any request', async () => {
    for (const options of [
      { url: 'http://shop.example.com', consumerKey: 'ck', consumerSecret: 'cs' },
      { url: 'https://shop.example.com', consumerKey: '', consumerSecret: 'cs' },
      { url: 'https://shop.example.com', consumerKey: 'ck', consumerSecret: undefined as unknown as string },
    ]) {
      const error = await refusal(() => createWooReader(options));
      expect(error).toBeInstanceOf(MauticInvalidInputError);
    }
    expect(woo.requests).toHaveLength(0);
  });

  it('syncOrder writes the reader totals (client option), and says where they came from', async () => {
    woo.route('GET', REPORT, { json: customerReport('registered') });
    const client = basicClient(fake.server, { woo: reader() });
    const result = await client.syncOrder(order723());
    expect(result.totals).toEqual({ source: 'woocommerce', totalSpent: 100, orderCount: 1 });
    expect(fake.mautic.contact('joao.silva@example.com')?.values).toMatchObject({
      mautic_woo_total_spent: 100,
      mautic_woo_order_count: 1,
    });
    expect(query()).toMatchObject({ users: '26' });
  });

  it('a reader failure does not stop the contact: it is written without totals and the step fails', async () => {
    woo.route('GET', REPORT, { status: 500, json: { code: 'internal_server_error' } });
    const result = await basicClient(fake.server).syncOrder(order727(), { woo: reader() });
    expect(result.ok).toBe(false);
    expect(result.steps.find((s) => s.step === 'totals')).toMatchObject({ status: 'failed' });
    expect(fake.mautic.contact('john.doe@example.com')?.values.mautic_woo_total_spent).toBeUndefined();
    const failed = result.steps.find((s) => s.step === 'totals');
    if (failed?.status === 'failed') recorded.errors.push(failed.error);
  });

  it('a backfill reads each customer once for the run', async () => {
    woo.route('GET', REPORT, (request) => ({
      json: request.query.get('users') ? customerReport('registered') : customerReport('guest-search'),
    }));
    const client = basicClient(fake.server, { woo: reader() });
    const orders = [order723(), order727(), { ...order723(), id: 800 }, { ...order727(), id: 801 }];
    const summary = await client.syncOrders(orders, { concurrency: 2 });
    expect(summary.ok).toBe(4);
    expect(woo.received('GET', REPORT)).toHaveLength(2);
    // A later run reads again: the cache lasts one run.
    await client.syncOrders([order723()]);
    expect(woo.received('GET', REPORT)).toHaveLength(3);
  });
});
