import { MAX_BATCH_SIZE } from '../contacts/batch';
import type { UpsertContactInput } from '../contacts/upsert';
import { MauticInvalidInputError } from '../errors';
import type { WooOrder } from '../woo';
import type { CustomerSummary } from '../woo/customer-history';
import { type BatchWriteOutcome, writeBatch } from './batch-write';
import { CustomerWindow, type WindowEntry } from './customer-window';
import { erasureRule } from './erasure';
import { ErasureLookahead } from './erasure-lookahead';
import type { WorkflowResources } from './resources';
import { toMauticError } from './steps';
import {
  type BackfillItem,
  type BackfillProgress,
  type BackfillSummary,
  type FailedCustomer,
  isCustomerRetry,
  isRetry,
  type SyncOrdersOptions,
} from './sync-orders';

// Items read ahead of the one being folded, so their customers' erasure lookups run meanwhile.
const LOOKAHEAD = 256;

function emailOfItem(item: BackfillItem): string | undefined {
  const email = isCustomerRetry(item) ? item.customer.email : (isRetry(item) ? item.order : item)?.billing?.email;
  return typeof email === 'string' && email !== '' ? email : undefined;
}

// The window: each customer held costs ~1.9 KB, and V8 sizes its heap at up to ~4× what is held,
// so 10,000 put a long backfill's peak RSS a third above a short one's (BENCHMARKS.md, memory).
const DEFAULTS = { batchSize: MAX_BATCH_SIZE, batchConcurrency: 4, windowCustomers: 5_000 };

function checkOptions(options: SyncOrdersOptions) {
  const batchSize = options.batchSize ?? DEFAULTS.batchSize;
  const batchConcurrency = options.batchConcurrency ?? DEFAULTS.batchConcurrency;
  const windowCustomers = options.windowCustomers ?? DEFAULTS.windowCustomers;
  const integer = (value: number, min: number, max: number, field: string) => {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new MauticInvalidInputError(`${field} must be an integer from ${min} to ${max}`, field);
    }
  };
  integer(batchSize, 1, MAX_BATCH_SIZE, 'batchSize');
  integer(batchConcurrency, 1, 16, 'batchConcurrency');
  integer(windowCustomers, 1, 1_000_000, 'windowCustomers');
  // Batch mode writes history: a note or an email per past order is what it exists to avoid.
  if (options.strategy === 'lookup') {
    throw new MauticInvalidInputError(
      "batch mode writes merge on email (strategy 'merge'); 'lookup' is per order",
      'strategy',
    );
  }
  const perOrder = [
    'note',
    'emailOnStatus',
    'emailOnCustomStatus',
    'onResult',
    'customerTotals',
    'resendUncertain',
    // Batch mode folds each customer's totals from the orders it is given (customer-history.ts).
    'woo',
  ] as const;
  for (const field of perOrder) {
    if (options[field] !== undefined && options[field] !== false) {
      throw new MauticInvalidInputError(
        `${field} is not available in batch mode (it writes one contact per customer, no notes or emails); use mode 'order'`,
        field,
      );
    }
  }
  return { batchSize, batchConcurrency, windowCustomers };
}

/**
 * The batch backfill: orders read lazily and folded per customer (CustomerWindow), then written
 * `batchSize` customers a request through `POST /contacts/batch/new`, `batchConcurrency` requests
 * in flight. Every order ends in its customer's outcome; a customer that fails for good becomes a
 * FailedCustomer, which `syncOrders(failedCustomers, { mode: 'batch' })` writes again.
 */
export async function syncOrdersBatch(
  resources: WorkflowResources,
  orders: Iterable<BackfillItem> | AsyncIterable<BackfillItem>,
  options: SyncOrdersOptions,
): Promise<BackfillSummary> {
  const limits = checkOptions(options);
  const { signal, onProgress, onCustomerResult, customerTotalsFor } = options;
  const startedAt = Date.now();
  const requestsBefore = resources.requests();
  const window = new CustomerWindow({
    tags: options.tags ?? [],
    statusTag: options.statusTag ?? true,
    skuTags: options.skuTags ?? false,
    ...(options.paidStatuses ? { paidStatuses: options.paidStatuses } : {}),
  });
  const erasures = new ErasureLookahead(resources, 2 * limits.windowCustomers);
  const progress: BackfillProgress = { done: 0, ok: 0, failed: 0, inFlight: 0, requests: 0 };
  const summary: BackfillSummary = {
    total: 0,
    ok: 0,
    failed: 0,
    durationMs: 0,
    aborted: false,
    failures: [],
    failedCustomers: [],
    customers: { ok: 0, failed: 0 },
    requests: 0,
    skipped: 0,
  };
  let batchSize = limits.batchSize;
  const inFlight = new Set<Promise<void>>();

  if (options.ensureFields !== false) await resources.fields.ensure({ signal });
  const alias = (name: Parameters<typeof resources.fields.aliasOf>[0]) => resources.fields.aliasOf(name);

  function contactInput(customer: CustomerSummary, entry: WindowEntry): UpsertContactInput {
    const totals = entry.totals ?? customer;
    return {
      ...customer.fields,
      tags: customer.tags,
      [alias('mautic_woo_order_data')]: customer.orderData,
      [alias('mautic_woo_total_spent')]: Number(totals.totalSpent),
      [alias('mautic_woo_order_count')]: totals.orderCount,
    };
  }

  async function settle(customer: CustomerSummary, outcome: BatchWriteOutcome): Promise<void> {
    const orderCount = customer.orderIds.length;
    progress.done += orderCount;
    progress.inFlight -= orderCount;
    if ('erased' in outcome) {
      progress.ok += orderCount;
      summary.skipped += orderCount;
      return;
    }
    if (outcome.ok) {
      progress.ok += orderCount;
      summary.customers.ok++;
    } else {
      progress.failed += orderCount;
      summary.customers.failed++;
      summary.failedCustomers.push({ customer, error: outcome.error });
    }
    await onCustomerResult?.(outcome);
  }

  async function write(entries: WindowEntry[]): Promise<void> {
    try {
      const written = await writeBatch(resources, entries, contactInput, {
        batchSize,
        signal,
        erasedNow: (email) => erasures.erasedNow(email),
      });
      batchSize = Math.min(batchSize, written.batchSize);
      for (const [i, customer] of written.customers.entries()) {
        await settle(customer, written.outcomes[i] as BatchWriteOutcome);
      }
    } finally {
      window.settle(entries);
      progress.requests = resources.requests() - requestsBefore;
      onProgress?.({ ...progress });
    }
  }

  /** Starts a write of up to `batchSize` customers once fewer than `batchConcurrency` are in flight. */
  async function dispatch(): Promise<boolean> {
    while (inFlight.size >= limits.batchConcurrency) await Promise.race(inFlight);
    const entries = window.take(batchSize);
    if (entries.length === 0) return false;
    const running: Promise<void> = write(entries).finally(() => inFlight.delete(running));
    inFlight.add(running);
    return true;
  }

  const iterator =
    Symbol.asyncIterator in orders
      ? (orders as AsyncIterable<BackfillItem>)[Symbol.asyncIterator]()
      : (orders as Iterable<BackfillItem>)[Symbol.iterator]();
  /** Orders of a customer erased after them are done without a write, as the per-order path does. */
  function skipErased(orders: number): void {
    progress.done += orders;
    progress.ok += orders;
    summary.skipped += orders;
  }

  for await (const item of erasures.ahead(iterator, LOOKAHEAD, emailOfItem)) {
    if (isCustomerRetry(item)) {
      const orders = item.customer.orderIds.length;
      summary.total += orders;
      try {
        // A failure record from before the erasure: its latest order is what would be written.
        const erasedAt = await erasures.erasedAt(item.customer.email);
        if (erasureRule(erasedAt, 'order', item.customer.latestDate)) skipErased(orders);
        else {
          window.addSummary(item.customer);
          progress.inFlight += orders;
        }
      } catch (error) {
        // The erasure log did not answer: still a failure record, for the next run.
        progress.done += orders;
        progress.failed += orders;
        summary.customers.failed++;
        summary.failedCustomers.push({ customer: item.customer, error: toMauticError(error) });
      }
    } else {
      const order: WooOrder = isRetry(item) ? item.order : item;
      summary.total++;
      try {
        const erasedAt = await erasures.erasedAt(String(order.billing?.email ?? ''));
        if (erasureRule(erasedAt, 'order', order.date_created_gmt, order.date_created)) {
          skipErased(1);
          continue;
        }
        window.add(order, customerTotalsFor?.(order));
        progress.inFlight++;
      } catch (error) {
        progress.done++;
        progress.failed++;
        summary.failures.push({ order, error: toMauticError(error), completedSteps: [], uncertainSteps: [] });
      }
    }
    if (window.size > limits.windowCustomers) await dispatch();
    if (signal?.aborted) break;
  }
  summary.aborted = signal?.aborted === true;

  // After an abort the writes still dispatched fail at once (the transport sends nothing on an
  // aborted signal), so every customer read ends as a failure record a re-run writes.
  while (window.size > 0) {
    // Customers whose earlier write is still in flight wait for it.
    if (!(await dispatch())) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);

  summary.ok = progress.ok;
  summary.failed = progress.failed;
  summary.requests = resources.requests() - requestsBefore;
  summary.durationMs = Date.now() - startedAt;
  return summary;
}

export type { FailedCustomer };
