import { MauticInvalidInputError } from '../errors';
import { assertEmail, assertId, assertNonEmptyString } from '../input';
import { WooCommerceApiError } from './reader-error';

/**
 * A small reader of WooCommerce's own numbers over its REST API. Lifetime totals come from
 * WooCommerce Analytics' customer report, `GET /wp-json/wc-analytics/reports/customers`: it is the
 * endpoint that carries `total_spend` and `orders_count` per customer, guests included (its rows
 * live in `wc_customer_lookup`, one per registered user or guest email). `GET /wc/v3/customers/{id}`
 * does not: since v3 it leaves out `orders_count` and `total_spent` (WC_REST_Customers_Controller
 * returns `get_formatted_item_data_core`), and it knows registered users only.
 * `total_spend` is the sum of the customer's `wc_order_stats` rows, in which a refund is a row of
 * its own with a negative total, so refunds are already taken off. Analytics imports orders in the
 * background (Action Scheduler), so an order a webhook has just announced can be missing for a
 * few seconds; `force_cache_refresh` skips the report cache at least.
 * Auth: the consumer key and secret as HTTP Basic, which WooCommerce accepts over HTTPS only.
 */

export interface WooReaderOptions {
  /** The shop's site URL, e.g. `https://shop.example.com` (pretty permalinks, as WooCommerce's REST API needs). */
  url: string;
  consumerKey: string;
  consumerSecret: string;
  /** A fetch implementation; default the global fetch. */
  fetch?: typeof fetch;
  /** Per request, in ms. Default 15 000. */
  timeoutMs?: number;
}

export interface WooCustomerTotals {
  /** Net of refunds, in the shop's currency. */
  totalSpent: number;
  orderCount: number;
}

/** A registered customer is found by user id; a guest (`customerId` 0 or absent) by exact email. */
export interface WooTotalsQuery {
  email: string;
  customerId?: number | undefined;
}

export interface WooReader {
  /** The customer's lifetime totals, or null when WooCommerce Analytics has no row for them yet. */
  customerTotals(
    query: WooTotalsQuery,
    options?: { signal?: AbortSignal | undefined },
  ): Promise<WooCustomerTotals | null>;
  /** A view that asks once per customer and remembers the answer (at most `limit` customers): for one sync run. */
  cached(limit?: number): WooReader;
}

interface ReportRow {
  email?: unknown;
  user_id?: unknown;
  orders_count?: unknown;
  total_spend?: unknown;
}

const REPORT_PATH = '/wp-json/wc-analytics/reports/customers';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function siteUrl(value: unknown): string {
  const raw = assertNonEmptyString(value, 'url').trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new MauticInvalidInputError('url is not an absolute URL', 'url');
  }
  // Basic credentials in the clear would leak the secret; WooCommerce itself refuses them over HTTP.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new MauticInvalidInputError('url must be https (WooCommerce takes Basic auth over HTTPS only)', 'url');
  }
  if (url.username || url.password) throw new MauticInvalidInputError('url must not carry credentials', 'url');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function amount(value: unknown): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(number) ? number : Number.NaN;
}

export function createWooReader(options: WooReaderOptions): WooReader {
  if (!options || typeof options !== 'object') throw new MauticInvalidInputError('options are required', 'options');
  const base = siteUrl(options.url);
  const key = assertNonEmptyString(options.consumerKey, 'consumerKey');
  const secret = assertNonEmptyString(options.consumerSecret, 'consumerSecret');
  if (key.includes(':'))
    throw new MauticInvalidInputError('consumerKey must not contain ":" (HTTP Basic)', 'consumerKey');
  const timeoutMs = options.timeoutMs ?? 15_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new MauticInvalidInputError('timeoutMs must be a positive number', 'timeoutMs');
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const authorization = `Basic ${btoa(`${key}:${secret}`)}`;

  async function report(params: URLSearchParams, signal: AbortSignal | undefined): Promise<ReportRow[]> {
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await fetchImpl(`${base}${REPORT_PATH}?${params}`, {
        headers: { authorization, accept: 'application/json' },
        redirect: 'error',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (cause) {
      const why = timeout.aborted ? `timed out after ${timeoutMs} ms` : signal?.aborted ? 'was aborted' : 'failed';
      throw new WooCommerceApiError({ status: 0, url: REPORT_PATH, message: `GET ${REPORT_PATH} ${why}`, cause });
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const code = typeof (body as { code?: unknown })?.code === 'string' ? (body as { code: string }).code : null;
      throw new WooCommerceApiError({
        status: response.status,
        url: REPORT_PATH,
        code,
        message: `WooCommerce answered ${response.status} to GET ${REPORT_PATH}${code ? ` (${code})` : ''}`,
      });
    }
    if (!Array.isArray(body)) {
      throw new WooCommerceApiError({
        status: response.status,
        url: REPORT_PATH,
        message: `WooCommerce answered GET ${REPORT_PATH} with something other than its customer report (is WooCommerce Analytics on?)`,
      });
    }
    return body as ReportRow[];
  }

  async function customerTotals(
    query: WooTotalsQuery,
    { signal }: { signal?: AbortSignal | undefined } = {},
  ): Promise<WooCustomerTotals | null> {
    const email = assertEmail(query?.email);
    const userId = query.customerId ? assertId(query.customerId, 'customerId') : undefined;
    const params = new URLSearchParams({ per_page: '100', force_cache_refresh: 'true' });
    // `email_includes` takes lookup-table ids, not emails; `search` is a LIKE match, so rows are checked exactly here.
    if (userId) {
      params.set('users', String(userId));
    } else {
      params.set('search', email);
      params.set('searchby', 'email');
    }
    const rows = (await report(params, signal)).filter((row) =>
      userId ? Number(row.user_id) === userId : String(row.email ?? '').toLowerCase() === email.toLowerCase(),
    );
    if (rows.length === 0) return null;
    const totalSpent = rows.reduce((sum, row) => sum + amount(row.total_spend), 0);
    const orderCount = rows.reduce((sum, row) => sum + amount(row.orders_count), 0);
    if (!Number.isFinite(totalSpent) || !Number.isFinite(orderCount)) {
      throw new WooCommerceApiError({
        status: 200,
        url: REPORT_PATH,
        message: `WooCommerce's customer report has no numeric total_spend / orders_count`,
      });
    }
    return { totalSpent: Math.round(totalSpent * 100) / 100, orderCount };
  }

  const reader: WooReader = { customerTotals, cached: (limit) => cachedReader(reader, limit) };
  return reader;
}

/** Remembers each customer's answer (the promise, so concurrent asks share one request); a failure is not kept. */
function cachedReader(inner: WooReader, limit = 10_000): WooReader {
  const answers = new Map<string, Promise<WooCustomerTotals | null>>();
  const view: WooReader = {
    customerTotals(query, options) {
      const key = query.customerId ? `user:${query.customerId}` : `email:${String(query.email).trim().toLowerCase()}`;
      let answer = answers.get(key);
      if (!answer) {
        answer = inner.customerTotals(query, options);
        answers.set(key, answer);
        answer.catch(() => answers.delete(key));
        if (answers.size > limit) answers.delete(answers.keys().next().value as string);
      }
      return answer;
    },
    cached: (next) => cachedReader(inner, next),
  };
  return view;
}
