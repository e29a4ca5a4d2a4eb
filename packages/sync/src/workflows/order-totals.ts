import type { Contact } from '../types';
import type { WooOrder } from '../woo';
import type { WooReader } from '../woo/reader';
import { type OneShotRun, runOneShot } from './one-shot';
import type { WorkflowResources } from './resources';
import { runStep, type WorkflowStep } from './steps';

/** Where the lifetime totals written with an order came from; `none` means they were not written. */
export interface OrderTotals {
  source: 'caller' | 'woocommerce' | 'none';
  totalSpent?: number;
  orderCount?: number;
  /** Why none were written. */
  detail?: string;
}

export interface TotalsOptions {
  customerTotals?: { totalSpent: number | string; orderCount: number } | undefined;
  woo?: WooReader | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * The customer's lifetime totals for an order's contact write, in this order: what the caller
 * passed (it knows best); else WooCommerce's own numbers through the reader (one GET, or none when
 * the run's cache has the customer); else none, and the result says they were not written. A
 * reader failure does not stop the contact: it is written without totals and the step fails.
 */
export async function orderTotals(
  resources: WorkflowResources,
  order: WooOrder,
  email: string,
  options: TotalsOptions,
  steps: WorkflowStep[],
): Promise<OrderTotals> {
  if (options.customerTotals) {
    const { totalSpent, orderCount } = options.customerTotals;
    return { source: 'caller', totalSpent: Number(totalSpent), orderCount };
  }
  const reader = options.woo ?? resources.woo;
  if (!reader) return { source: 'none', detail: 'no WooCommerce reader and no customerTotals were given' };
  let totals: OrderTotals = { source: 'none', detail: 'reading them from WooCommerce failed (see the totals step)' };
  await runStep(steps, 'totals', async () => {
    const found = await reader.customerTotals({ email, customerId: order.customer_id }, { signal: options.signal });
    totals = found
      ? { source: 'woocommerce', ...found }
      : { source: 'none', detail: 'WooCommerce Analytics has no row for this customer yet' };
    return found ? 'from WooCommerce' : totals.detail;
  });
  return totals;
}

/** What the order's refunds add up to, as a positive amount in cents (WooCommerce sends `-10.00`). */
export function refundedCents(order: WooOrder): number {
  let cents = 0;
  for (const refund of order.refunds ?? []) {
    const value = Number(refund?.total);
    if (Number.isFinite(value)) cents += Math.round(Math.abs(value) * 100);
  }
  return cents;
}

const LOWERING_STATUSES = new Set(['refunded', 'cancelled']);

/**
 * A refunded or cancelled order lowers the stored lifetime total by what was refunded, once per
 * order and status (a one-shot step in the ledger, so a redelivered webhook does not lower it
 * twice). Only when this write carried no true totals: WooCommerce's own `total_spend` already has
 * refunds taken off, and a caller's totals are the caller's. Nothing stored, nothing refunded:
 * skipped. One PATCH when it applies; other statuses get no `refund` step at all.
 */
export async function lowerTotalForRefund(
  resources: WorkflowResources,
  run: OneShotRun,
  order: WooOrder,
  contact: Contact,
  totals: OrderTotals,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (!LOWERING_STATUSES.has(order.status)) return;
  const alias = resources.fields.aliasOf('mautic_woo_total_spent');
  const raw = contact.fields?.all?.[alias];
  const stored = raw === null || raw === undefined || raw === '' ? Number.NaN : Number(raw);
  const cents = refundedCents(order);
  const applies = totals.source === 'none' && cents > 0 && Number.isFinite(stored);
  await runOneShot(run, 'refund', applies, async () => {
    const lowered = Math.max(0, Math.round(stored * 100) - cents) / 100;
    await resources.contacts.update(contact.id, { [alias]: lowered }, { signal });
    return `lifetime total ${stored} → ${lowered}`;
  });
}
