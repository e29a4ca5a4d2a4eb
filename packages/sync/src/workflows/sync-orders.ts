import { likelyApplied, MauticAbortError, MauticError, MauticInvalidInputError } from '../errors';
import type { OneShotStep } from '../state/step-ledger';
import type { UnconvertedGeo, WooOrder } from '../woo';
import type { CustomerSummary } from '../woo/customer-history';
import { toMauticError, type WorkflowStep } from './steps';
import type { SyncOrderOptions, SyncOrderResult } from './sync-order';

/** How a customer's one write in batch mode ended. */
export type CustomerOutcome =
  | {
      ok: true;
      email: string;
      orderIds: number[];
      contactId: number;
      created: boolean;
      /** Fields Mautic refused and the contact was saved without. */
      droppedFields: string[];
      unconverted: UnconvertedGeo[];
    }
  | { ok: false; email: string; orderIds: number[]; error: MauticError };

/** A failed order as `failures` holds it: feed these back in to finish only what is left. */
export interface FailedOrder {
  order: WooOrder;
  error: MauticError;
  /** One-shot steps (note, email, refund) that did complete; a re-run skips them instead of repeating them. */
  completedSteps: OneShotStep[];
  /** One-shot steps whose request timed out, so they most likely happened; a re-run skips them too. */
  uncertainSteps: OneShotStep[];
}

/** A failed order as `syncOrders` takes it back: what completed, and what may have. */
export type OrderToRetry = Pick<FailedOrder, 'order' | 'completedSteps'> & { uncertainSteps?: OneShotStep[] };

/** A customer whose one write in batch mode failed: run these again with `mode: 'batch'`. */
export interface FailedCustomer {
  /** Everything the write held, folded from the customer's orders (`customer.orderIds` lists them). */
  customer: CustomerSummary;
  error: MauticError;
}

/** A failed customer as `syncOrders` takes it back (mode `batch`): what its write held. */
export type CustomerToRetry = Pick<FailedCustomer, 'customer'>;

/** What `syncOrders` reads: orders, or failed orders or customers from an earlier run. */
export type BackfillItem = WooOrder | OrderToRetry | CustomerToRetry;

export type OrderOutcome =
  | { ok: true; order: WooOrder; result: SyncOrderResult }
  | ({ ok: false; order: WooOrder; error: MauticError; result?: SyncOrderResult } & StepsSoFar);

interface StepsSoFar {
  completedSteps: OneShotStep[];
  uncertainSteps: OneShotStep[];
}

export interface BackfillProgress {
  /** Orders settled, ok or failed. */
  done: number;
  ok: number;
  failed: number;
  /** Orders read and not settled yet (in batch mode: held in the window or being written). */
  inFlight: number;
  /** Requests this run made so far. */
  requests: number;
}

export interface SyncOrdersOptions extends Omit<SyncOrderOptions, 'signal' | 'skipSteps' | 'uncertainSteps'> {
  /**
   * `order` (default): each order synced as `syncOrder` does it (contact, note, email).
   * `batch`: each customer's orders folded into one contact write (lifetime total and order
   * count from the orders given, the latest order's data, every order's tags), 200 customers a
   * request, no notes or emails. See the README's "Batch backfill".
   */
  mode?: 'order' | 'batch';
  /** Orders in flight at once (mode `order`). Default 4. */
  concurrency?: number;
  /** Customers a batch request writes (mode `batch`); at most Mautic's `api_batch_max_limit`. Default 200. */
  batchSize?: number;
  /** Batch requests in flight at once (mode `batch`). Default 4. */
  batchConcurrency?: number;
  /** Customers held at once (mode `batch`): the least recently seen are written when it is full. Default 5,000. */
  windowCustomers?: number;
  /** Statuses counted in the lifetime total and order count (mode `batch`). Default PAID_STATUSES. */
  paidStatuses?: readonly string[];
  /** Every customer's outcome as it ends (mode `batch`). */
  onCustomerResult?: (outcome: CustomerOutcome) => void | Promise<void>;
  signal?: AbortSignal;
  onProgress?: (progress: BackfillProgress) => void;
  /** Every order's outcome as it ends (stream these to a file instead of keeping them). */
  onResult?: (outcome: OrderOutcome) => void | Promise<void>;
  /** Lifetime totals per order's customer, when the caller has them. */
  customerTotalsFor?: (order: WooOrder) => SyncOrderOptions['customerTotals'];
}

export interface BackfillSummary {
  total: number;
  ok: number;
  failed: number;
  durationMs: number;
  /** True when `signal` stopped the backfill before the input ran out. */
  aborted: boolean;
  /** The failed orders with their errors and completed steps; pass them back in to retry. */
  failures: FailedOrder[];
  /** Mode `batch`: the customers whose write failed; pass them back in (`mode: 'batch'`) to retry. */
  failedCustomers: FailedCustomer[];
  /** Mode `batch`: customers written and failed. */
  customers: { ok: number; failed: number };
  /** Requests this run made. */
  requests: number;
  /**
   * Orders (counted in `ok`) that wrote nothing: their customer was erased after them
   * (`eraseCustomer`, the client's `erasures`), so they must not bring the contact back.
   */
  skipped: number;
}

export function isCustomerRetry(item: BackfillItem): item is CustomerToRetry {
  return typeof item === 'object' && item !== null && 'customer' in item && typeof item.customer === 'object';
}

export function isRetry(item: BackfillItem): item is OrderToRetry {
  return typeof item === 'object' && item !== null && 'order' in item && typeof item.order === 'object';
}

/** The one-shot steps an order has behind it after this attempt, carried ones included. */
function stepsSoFar(result: SyncOrderResult | undefined, carried: StepsSoFar): StepsSoFar {
  const done = new Set(carried.completedSteps);
  const uncertain = new Set(carried.uncertainSteps);
  for (const step of result?.steps ?? []) {
    if (step.step !== 'note' && step.step !== 'email' && step.step !== 'refund') continue;
    if (step.status === 'ok') done.add(step.step);
    else if (step.status === 'failed' && likelyApplied(step.error)) uncertain.add(step.step);
  }
  for (const step of done) uncertain.delete(step);
  return { completedSteps: [...done], uncertainSteps: [...uncertain] };
}

/**
 * A backfill over any iterable or async iterable, pulled lazily so a file of a million orders is
 * never in memory. Every order ends in exactly one outcome. Orders of one customer run one after
 * another, in input order: `syncOne` (the client's syncOrder) serializes them per customer.
 */
export async function syncOrders(
  orders: Iterable<BackfillItem> | AsyncIterable<BackfillItem>,
  syncOne: (order: WooOrder, options: SyncOrderOptions) => Promise<SyncOrderResult>,
  options: SyncOrdersOptions = {},
  requests: () => number = () => 0,
): Promise<BackfillSummary> {
  for (const field of [
    'batchSize',
    'batchConcurrency',
    'windowCustomers',
    'paidStatuses',
    'onCustomerResult',
  ] as const) {
    if (options[field] !== undefined) {
      throw new MauticInvalidInputError(`${field} applies to mode 'batch' only`, field);
    }
  }
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new MauticInvalidInputError('concurrency must be an integer from 1 to 64', 'concurrency');
  }
  const {
    onProgress,
    onResult,
    customerTotalsFor,
    signal,
    concurrency: _c,
    mode: _m,
    batchSize: _b,
    batchConcurrency: _bc,
    windowCustomers: _w,
    paidStatuses: _p,
    onCustomerResult: _oc,
    ...orderOptions
  } = options;
  const startedAt = Date.now();
  const requestsBefore = requests();
  const progress: BackfillProgress = { done: 0, ok: 0, failed: 0, inFlight: 0, requests: 0 };
  const failures: BackfillSummary['failures'] = [];
  let skipped = 0;
  const iterator =
    Symbol.asyncIterator in orders
      ? (orders as AsyncIterable<BackfillItem>)[Symbol.asyncIterator]()
      : (orders as Iterable<BackfillItem>)[Symbol.iterator]();
  let exhausted = false;

  async function next(): Promise<BackfillItem | undefined> {
    // An abort stops the reading; orders already started still end with an outcome.
    if (exhausted || signal?.aborted) return undefined;
    const item = await iterator.next();
    if (item.done) exhausted = true;
    return item.done ? undefined : item.value;
  }

  async function runOne(order: WooOrder, carried: StepsSoFar): Promise<OrderOutcome> {
    try {
      if (signal?.aborted) throw new MauticAbortError('the backfill was aborted before this order');
      const result = await syncOne(order, {
        ...orderOptions,
        customerTotals: customerTotalsFor?.(order) ?? orderOptions.customerTotals,
        skipSteps: carried.completedSteps,
        uncertainSteps: carried.uncertainSteps,
        ...(signal ? { signal } : {}),
      });
      if (result.ok) return { ok: true, order, result };
      const failedStep = result.steps.find(
        (s): s is Extract<WorkflowStep, { status: 'failed' }> => s.status === 'failed',
      );
      const error = failedStep?.error ?? new MauticError(`order ${order.id}: a step failed`);
      return { ok: false, order, error, result, ...stepsSoFar(result, carried) };
    } catch (error) {
      return { ok: false, order, error: toMauticError(error), ...stepsSoFar(undefined, carried) };
    }
  }

  async function settle(item: Exclude<BackfillItem, CustomerToRetry>): Promise<void> {
    const order = isRetry(item) ? item.order : item;
    const carried: StepsSoFar = isRetry(item)
      ? { completedSteps: item.completedSteps ?? [], uncertainSteps: item.uncertainSteps ?? [] }
      : { completedSteps: [], uncertainSteps: [] };
    const outcome = await runOne(order, carried);
    progress.done++;
    if (outcome.ok) {
      progress.ok++;
      if (outcome.result.skipped === 'erased') skipped++;
    } else {
      progress.failed++;
      const { completedSteps, uncertainSteps } = outcome;
      failures.push({ order, error: outcome.error, completedSteps, uncertainSteps });
    }
    progress.inFlight--;
    await onResult?.(outcome);
    onProgress?.({ ...progress, requests: requests() - requestsBefore });
  }

  async function worker(): Promise<void> {
    for (let item = await next(); item !== undefined; item = await next()) {
      if (isCustomerRetry(item)) {
        throw new MauticInvalidInputError(
          "a failed customer (from mode 'batch') is run again with mode 'batch'",
          'orders',
        );
      }
      progress.inFlight++;
      await settle(item);
    }
  }

  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  return {
    total: progress.done,
    ok: progress.ok,
    failed: progress.failed,
    durationMs: Date.now() - startedAt,
    aborted: !exhausted && signal?.aborted === true,
    failures,
    failedCustomers: [],
    customers: { ok: 0, failed: 0 },
    requests: requests() - requestsBefore,
    skipped,
  };
}
