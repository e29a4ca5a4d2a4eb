import type { CreateOrUpdateContactInput, UpsertOptions, UpsertResult } from '../contacts/upsert-contact';
import type { MauticWooFieldAlias } from '../fields/definitions';
import type { EnsureFieldsResult } from '../fields/ensure-fields';
import type { Operations } from '../operations';
import { MauticApiError } from '../transport/errors';
import { contactFromOrder, orderDataJson, orderEmailTokens, orderNoteText, orderTags, type WooOrder } from '../woo';
import type { CompletedSteps, OneShotStep } from './completed-steps';
import { runStep, type WorkflowStep } from './steps';

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
  const done = new Set([...(options.skipSteps ?? []), ...context.completedSteps.get(order.id, order.status)]);
  const remember = (step: OneShotStep) => context.completedSteps.add(order.id, order.status, step);

  if (options.note && done.has('note')) {
    steps.push({ step: 'note', status: 'skipped', detail: 'already added for this order and status' });
  } else if (options.note) {
    await runStep(steps, 'note', async () => {
      const note = await context.operations.createNote(
        { lead: contactId, type: 'general', text: orderNoteText(order) },
        signal,
      );
      remember('note');
      return `note ${note.id}`;
    });
  } else {
    steps.push({ step: 'note', status: 'skipped' });
  }

  const emailId = options.emailOnStatus?.[order.status];
  if (emailId !== undefined && done.has('email')) {
    steps.push({ step: 'email', status: 'skipped', detail: 'already sent for this order and status' });
  } else if (emailId !== undefined) {
    await runStep(steps, 'email', async () => {
      const sent = await context.operations.sendEmailToContact(emailId, contactId, orderEmailTokens(order), signal);
      // Mautic answers a failed send with 200 and {"success": false}.
      if (!sent.success) {
        throw new MauticApiError({
          status: 200,
          method: 'POST',
          url: `/api/emails/${emailId}/contact/${contactId}/send`,
          message: `Mautic did not send email ${emailId} to contact ${contactId}: ${JSON.stringify(sent.failed ?? 'no reason given')}`,
        });
      }
      remember('email');
      return `email ${emailId}`;
    });
  } else {
    steps.push({ step: 'email', status: 'skipped' });
  }

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
