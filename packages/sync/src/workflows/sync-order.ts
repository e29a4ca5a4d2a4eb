import type { CreateOrUpdateContactInput, UpsertOptions, UpsertResult } from '../contacts/upsert-contact';
import type { MauticWooFieldAlias } from '../fields/definitions';
import type { EnsureFieldsResult } from '../fields/ensure-fields';
import type { Operations } from '../operations';
import { likelyApplied, MauticApiError } from '../transport/errors';
import { contactFromOrder, orderDataJson, orderEmailTokens, orderNoteText, orderTags, type WooOrder } from '../woo';
import { assertOrder } from '../woo/order-input';
import type { CompletedSteps, OneShotStep, StepState } from './completed-steps';
import { runStep, type WorkflowStep } from './steps';

const UNCERTAIN = 'most likely happened already: an earlier request timed out (resendUncertain repeats it)';

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
  /** Send a Mautic email when the order has this status, e.g. `{ completed: 12 }`. */
  emailOnStatus?: Partial<Record<string, number>>;
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

export interface WorkflowContext {
  operations: Operations;
  ensureFields(signal?: AbortSignal): Promise<EnsureFieldsResult>;
  /** The alias a field is written under: Mautic's, when it renamed ours on creation. */
  aliasOf(alias: MauticWooFieldAlias): string;
  findContactId(email: string, signal?: AbortSignal): Promise<number | null>;
  completedSteps: CompletedSteps;
  upsert(input: CreateOrUpdateContactInput, options: UpsertOptions): Promise<UpsertResult>;
}

/**
 * Order → contact (billing address, order JSON, totals, tags) in one write, then the note and the
 * email. Tags ride on the contact write (Mautic creates missing ones), so no tag requests are made.
 * A failed note or email does not undo the contact; it is reported in `steps` and `ok` is false.
 * Without the contact there is nothing to attach to, so its failure is thrown.
 */
export async function syncOrder(
  context: WorkflowContext,
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
  const { signal } = options;
  const steps: WorkflowStep[] = [];

  if (options.ensureFields !== false) await context.ensureFields(signal);
  steps.push({ step: 'fields', status: options.ensureFields === false ? 'skipped' : 'ok' });
  const alias = context.aliasOf;

  const input: CreateOrUpdateContactInput = { ...fields, tags, [alias('mautic_woo_order_data')]: orderDataJson(order) };
  if (options.customerTotals) {
    input[alias('mautic_woo_total_spent')] = Number(options.customerTotals.totalSpent);
    input[alias('mautic_woo_order_count')] = options.customerTotals.orderCount;
  }
  const upserted = await context.upsert(input, { strategy: options.strategy, signal });
  steps.push({ step: 'contact', status: 'ok', detail: upserted.created ? 'created' : 'updated' });
  const contactId = upserted.contact.id;
  const previously = (step: OneShotStep): StepState | undefined =>
    options.skipSteps?.includes(step)
      ? 'done'
      : options.uncertainSteps?.includes(step)
        ? 'uncertain'
        : context.completedSteps.get(order.id, order.status, step);

  // A note or an email happens once per order and status; one whose request timed out most likely
  // happened, and is not repeated unless the caller says so.
  const oneShot = async (step: OneShotStep, wanted: boolean, action: () => Promise<string>) => {
    const before = wanted ? previously(step) : undefined;
    if (!wanted) steps.push({ step, status: 'skipped' });
    else if (before === 'done')
      steps.push({ step, status: 'skipped', detail: 'already done for this order and status' });
    else if (before === 'uncertain' && !options.resendUncertain) {
      steps.push({ step, status: 'skipped', detail: UNCERTAIN });
    } else if (await runStep(steps, step, action)) {
      context.completedSteps.set(order.id, order.status, step, 'done');
    } else if (likelyApplied(steps.at(-1)?.error)) {
      context.completedSteps.set(order.id, order.status, step, 'uncertain');
    }
  };

  await oneShot('note', options.note === true, async () => {
    const note = await context.operations.createNote(
      { lead: contactId, type: 'general', text: orderNoteText(order) },
      signal,
    );
    return `note ${note.id}`;
  });

  const emailId = options.emailOnStatus?.[order.status];
  await oneShot('email', emailId !== undefined, async () => {
    const id = emailId as number;
    const sent = await context.operations.sendEmailToContact(id, contactId, orderEmailTokens(order), signal);
    // Mautic answers a failed send with 200 and {"success": false}.
    if (!sent.success) {
      throw new MauticApiError({
        status: 200,
        method: 'POST',
        url: `/api/emails/${id}/contact/${contactId}/send`,
        message: `Mautic did not send email ${id} to contact ${contactId}: ${JSON.stringify(sent.failed ?? 'no reason given')}`,
      });
    }
    return `email ${id}`;
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
}
