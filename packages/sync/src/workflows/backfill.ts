import { MauticInvalidInputError } from '../errors';
import type { WorkflowResources } from './resources';
import { syncOrder } from './sync-order';
import { type BackfillItem, type BackfillSummary, type SyncOrdersOptions, syncOrders } from './sync-orders';
import { syncOrdersBatch } from './sync-orders-batch';

/**
 * `client.syncOrders`: mode `order` syncs each order (the WooCommerce reader's answers are kept
 * for the run, so each customer's totals are read once); mode `batch` writes each customer once,
 * 200 a request.
 */
export function backfill(
  resources: WorkflowResources,
  orders: Iterable<BackfillItem> | AsyncIterable<BackfillItem>,
  options: SyncOrdersOptions = {},
): Promise<BackfillSummary> {
  if (options.mode !== undefined && options.mode !== 'order' && options.mode !== 'batch') {
    throw new MauticInvalidInputError(`mode must be 'order' or 'batch'`, 'mode');
  }
  if (options.mode === 'batch') return syncOrdersBatch(resources, orders, options);
  const reader = (options.woo ?? resources.woo)?.cached();
  const run = { ...options, ...(reader ? { woo: reader } : {}) };
  return syncOrders(
    orders,
    (order, orderOptions) => syncOrder(resources, order, orderOptions),
    run,
    resources.requests,
  );
}
