import type { UpsertContactInput, UpsertOptions } from '../contacts/upsert';
import type { OneShotStep } from '../state/step-ledger';
import {
  orderDataJson,
  orderEmailTokens,
  orderNoteText,
  orderTags,
  type WooKnownOrderStatus,
  type WooOrder,
} from '../woo';
import { contactFromOrder } from '../woo/order-contact';
import { runOneShot } from './one-shot';
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
  /** The customer's lifetime totals, written to `mautic_woo_total_spent` / `mautic_woo_order_count`. */
  customerTotals?: { totalSpent: number | string; orderCount: number };
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
  contactId: number;
  created: boolean;
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
 * Order → contact (billing address, order JSON, totals, tags) in one write, then the note and the
 * email. Tags ride on the contact write (Mautic creates missing ones), so no tag requests are made.
 * A failed note or email does not undo the contact; it is reported in `steps` and `ok` is false.
 * Without the contact there is nothing to attach to, so its failure is thrown. One customer's
 * orders run one at a time, so two of them cannot both create the contact.
 */
export async function syncOrder(
  resources: WorkflowResources,
  order: WooOrder,
  options: SyncOrderOptions = {},
): Promise<SyncOrderResult> {
  const { fields, unconverted } = contactFromOrder(order);
  const tags = orderTags(order, {
    tags: options.tags ?? [],
    statusTag: options.statusTag ?? true,
    skuTags: options.skuTags ?? false,
  });
  return resources.customers.run(customerKey(fields.email), async () => {
    const { signal } = options;
    const steps: WorkflowStep[] = [];
    if (options.ensureFields !== false) await resources.fields.ensure({ signal });
    steps.push({ step: 'fields', status: options.ensureFields === false ? 'skipped' : 'ok' });
    const alias = (name: Parameters<typeof resources.fields.aliasOf>[0]) => resources.fields.aliasOf(name);

    const input: UpsertContactInput = { ...fields, tags, [alias('mautic_woo_order_data')]: orderDataJson(order) };
    if (options.customerTotals) {
      input[alias('mautic_woo_total_spent')] = Number(options.customerTotals.totalSpent);
      input[alias('mautic_woo_order_count')] = options.customerTotals.orderCount;
    }
    const upserted = await resources.contacts.upsert(input, { strategy: options.strategy, signal });
    steps.push({ step: 'contact', status: 'ok', detail: upserted.created ? 'created' : 'updated' });
    const contactId = upserted.contact.id;
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
      orderId: order.id,
      email: fields.email,
      contactId,
      created: upserted.created,
      droppedFields: upserted.droppedFields,
      unconverted,
      steps,
      ok: steps.every((s) => s.status !== 'failed'),
    };
  });
}
