import type { UpsertContactInput, UpsertOptions } from '../contacts/upsert';
import type { OneShotStep } from '../state/step-ledger';
import {
  contactFromOrder,
  orderDataJson,
  orderEmailTokens,
  orderNoteText,
  orderTags,
  type WooKnownOrderStatus,
  type WooOrder,
} from '../woo';
import { assertOrder } from '../woo/order-input';
import type { WooReader } from '../woo/reader';
import { assertConsentSource, type ConsentSource, consentStep, readConsent } from './consent';
import { erasureSkip } from './erasure';
import { runOneShot } from './one-shot';
import { lowerTotalForRefund, type OrderTotals, orderTotals } from './order-totals';
import { customerKey, type WorkflowResources } from './resources';
import type { WorkflowStep } from './steps';

export interface SyncOrderOptions {
  /** Check the `mautic_woo_*` fields first (once per client). Default true. */
  ensureFields?: boolean;
  /** Tags added to every synced customer. */
  tags?: string[];
  /** Add `order_<status>`. Default true. */
  statusTag?: boolean;
  /** Add `<sku>_<status>` per product. Default false. */
  skuTags?: boolean;
  /**
   * The customer's lifetime totals, written to `mautic_woo_total_spent` / `mautic_woo_order_count`.
   * Given, they win; else the WooCommerce reader's (`woo`, here or on the client); else none are written.
   */
  customerTotals?: { totalSpent: number | string; orderCount: number };
  /** Reads the lifetime totals from WooCommerce (see `createWooReader`); overrides the client's `woo`. */
  woo?: WooReader;
  /**
   * The customer's marketing consent: a meta key on the order (`{ metaKey: '_marketing_optin' }`) or
   * a function. Refused puts the contact on the email do-not-contact list; given lifts only an
   * entry this package set; unknown (`undefined`) changes nothing.
   */
  consent?: ConsentSource<WooOrder>;
  /** Add a note with the order and its products. Default false. */
  note?: boolean;
  /** Send a Mautic email when the order reaches this status, e.g. `{ completed: 12 }`. */
  emailOnStatus?: Partial<Record<WooKnownOrderStatus, number>>;
  /** The same for statuses a plugin registers (`{ shipped: 14 }`), kept apart so a typo in a known one is caught. */
  emailOnCustomStatus?: Record<string, number>;
  strategy?: UpsertOptions['strategy'];
  /** One-shot steps already done for this order and status (from a failure's `completedSteps`). */
  skipSteps?: readonly OneShotStep[];
  /** One-shot steps that most likely happened (a failure's `uncertainSteps`): skipped unless `resendUncertain`. */
  uncertainSteps?: readonly OneShotStep[];
  /** Repeat a note or email whose earlier request timed out (it may then happen twice). Default false. */
  resendUncertain?: boolean;
  signal?: AbortSignal;
}

export interface SyncOrderResult {
  orderId: number;
  email: string;
  /** Null when the order was skipped (see `skipped`). */
  contactId: number | null;
  created: boolean;
  /** `erased`: the customer was erased after this order was created, so nothing was written. */
  skipped?: 'erased';
  /** Where the lifetime totals came from; `none`: not written. */
  totals: OrderTotals;
  /** Fields Mautic refused and the contact was saved without. */
  droppedFields: string[];
  /** WooCommerce codes with no Mautic name, left out of the contact. */
  unconverted: Array<{ field: 'state' | 'country'; value: string }>;
  steps: WorkflowStep[];
  /** True when every step that ran succeeded. */
  ok: boolean;
}

function emailIdFor(order: WooOrder, options: SyncOrderOptions): number | undefined {
  return options.emailOnStatus?.[order.status as WooKnownOrderStatus] ?? options.emailOnCustomStatus?.[order.status];
}

/**
 * Order → contact (billing address, order JSON, totals, tags) in one write, then consent, the
 * refund's lowering of the total, the note and the email. Tags ride on the contact write (Mautic
 * creates missing ones), so no tag requests are made. An order of an erased customer created
 * before the erasure is skipped (see `erasureSkip`). A failed note or email does not undo the contact; it is reported in `steps` and `ok` is false.
 * Without the contact there is nothing to attach to, so its failure is thrown. One customer's
 * orders run one at a time, so two of them cannot both create the contact.
 */
export async function syncOrder(
  resources: WorkflowResources,
  order: WooOrder,
  options: SyncOrderOptions = {},
): Promise<SyncOrderResult> {
  assertOrder(order);
  const { fields, unconverted } = contactFromOrder(order);
  const tags = orderTags(order, {
    tags: options.tags ?? [],
    statusTag: options.statusTag ?? true,
    skuTags: options.skuTags ?? false,
  });
  const consentSource = assertConsentSource<WooOrder>(options.consent);
  // Read before any request: a consent function that throws stops the sync before it writes.
  const consent = readConsent(consentSource, order);
  const key = customerKey(fields.email);
  return resources.customers.run(key, async () => {
    const { signal } = options;
    const steps: WorkflowStep[] = [];
    const base = { orderId: order.id, email: fields.email, droppedFields: [], unconverted, steps };
    const skip = await erasureSkip(resources, fields.email, 'order', order.date_created_gmt, order.date_created);
    if (skip) {
      steps.push({ step: 'contact', status: 'skipped', detail: skip });
      return { ...base, contactId: null, created: false, skipped: 'erased', totals: { source: 'none' }, ok: true };
    }
    if (options.ensureFields !== false) await resources.fields.ensure({ signal });
    steps.push({ step: 'fields', status: options.ensureFields === false ? 'skipped' : 'ok' });
    const alias = (name: Parameters<typeof resources.fields.aliasOf>[0]) => resources.fields.aliasOf(name);

    const totals = await orderTotals(resources, order, fields.email, options, steps);
    const input: UpsertContactInput = { ...fields, tags, [alias('mautic_woo_order_data')]: orderDataJson(order) };
    if (totals.source !== 'none') {
      input[alias('mautic_woo_total_spent')] = totals.totalSpent;
      input[alias('mautic_woo_order_count')] = totals.orderCount;
    }
    const upserted = await resources.contacts.upsert(input, { strategy: options.strategy, signal });
    steps.push({ step: 'contact', status: 'ok', detail: upserted.created ? 'created' : 'updated' });
    resources.customerOrders.add(key, order.id);
    const contactId = upserted.contact.id;
    await consentStep(resources.contacts, steps, consentSource !== undefined, consent, upserted.contact, signal);
    const run = {
      orderId: order.id,
      status: order.status,
      steps,
      ledger: resources.steps,
      ttlMs: resources.claimTtlMs,
      done: options.skipSteps,
      uncertain: options.uncertainSteps,
      resendUncertain: options.resendUncertain,
    };
    await lowerTotalForRefund(resources, run, order, upserted.contact, totals, signal);

    await runOneShot(run, 'note', options.note === true, async () => {
      const text = orderNoteText(order);
      const note = await resources.notes.create({ lead: contactId, type: 'general', text }, { signal });
      return `note ${note.id}`;
    });
    const emailId = emailIdFor(order, options);
    await runOneShot(run, 'email', emailId !== undefined, async () => {
      await resources.emails.sendToContact(emailId as number, contactId, { tokens: orderEmailTokens(order), signal });
      return `email ${emailId}`;
    });

    return {
      ...base,
      contactId,
      created: upserted.created,
      droppedFields: upserted.droppedFields,
      totals,
      ok: steps.every((s) => s.status !== 'failed'),
    };
  });
}
