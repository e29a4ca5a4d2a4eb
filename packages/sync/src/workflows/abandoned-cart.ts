import type { UpsertContactInput, UpsertOptions } from '../contacts/upsert';
import { MauticError } from '../errors';
import { assertEmail, assertId } from '../input';
import { type AbandonedCart, assertCart, cartDataJson, contactFromCart } from '../woo';
import { customerKey, type WorkflowResources } from './resources';
import { runStep, type WorkflowStep } from './steps';

export const ABANDONED_CART_TAG = 'abandoned_cart';
export const RECOVERED_CART_TAG = 'recovered_cart';

export interface SyncCartOptions {
  /** Add the contact to this segment (e.g. the one a recovery campaign starts from). */
  segmentId?: number;
  ensureFields?: boolean;
  tags?: string[];
  strategy?: UpsertOptions['strategy'];
  signal?: AbortSignal;
}

export interface SyncCartResult {
  email: string;
  contactId: number;
  created: boolean;
  droppedFields: string[];
  steps: WorkflowStep[];
  ok: boolean;
}

/**
 * Cart → contact: cart JSON, recovery URL, coupon and the `abandoned_cart` tag in one write,
 * then the segment. (The WooCommerce plugin writes the coupon by a second edit because it makes
 * the coupon after the sync; here the caller passes it in, so one request carries everything.)
 */
export async function syncAbandonedCart(
  resources: WorkflowResources,
  cartInput: AbandonedCart,
  options: SyncCartOptions = {},
): Promise<SyncCartResult> {
  // Checked at run time too: carts arrive from JavaScript callers and plugin payloads.
  const cart = assertCart(cartInput);
  const segmentId = options.segmentId === undefined ? undefined : assertId(options.segmentId, 'segmentId');
  return resources.customers.run(customerKey(cart.email), () => writeCart(resources, cart, segmentId, options));
}

async function writeCart(
  resources: WorkflowResources,
  cart: AbandonedCart,
  segmentId: number | undefined,
  options: SyncCartOptions,
): Promise<SyncCartResult> {
  const { signal } = options;
  const steps: WorkflowStep[] = [];
  if (options.ensureFields !== false) await resources.fields.ensure({ signal });
  steps.push({ step: 'fields', status: options.ensureFields === false ? 'skipped' : 'ok' });
  const alias = (name: Parameters<typeof resources.fields.aliasOf>[0]) => resources.fields.aliasOf(name);

  const input: UpsertContactInput = {
    ...contactFromCart(cart),
    tags: [ABANDONED_CART_TAG, ...(options.tags ?? [])],
    [alias('mautic_woo_cart_data')]: cartDataJson(cart),
    [alias('mautic_woo_recovery_url')]: cart.recoveryUrl,
  };
  if (cart.couponCode) input[alias('mautic_woo_coupon_code')] = cart.couponCode;
  const upserted = await resources.contacts.upsert(input, { strategy: options.strategy, signal });
  steps.push({ step: 'contact', status: 'ok', detail: upserted.created ? 'created' : 'updated' });

  if (segmentId !== undefined) {
    await runStep(steps, 'segment', async () => {
      const added = await resources.segments.addContact(segmentId, upserted.contact.id, { signal });
      if (!added) throw new MauticError(`Mautic did not add contact ${upserted.contact.id} to segment ${segmentId}`);
      return `segment ${segmentId}`;
    });
  } else {
    steps.push({ step: 'segment', status: 'skipped' });
  }
  return {
    email: cart.email,
    contactId: upserted.contact.id,
    created: upserted.created,
    droppedFields: upserted.droppedFields,
    steps,
    ok: steps.every((s) => s.status !== 'failed'),
  };
}

export interface MarkRecoveredOptions {
  /**
   * The segment the cart was added to (`syncAbandonedCart`'s `segmentId`): the contact is taken
   * out of it, so a recovery campaign that starts from it stops. This package does not remember
   * it: pass the same id you passed for the cart.
   */
  segmentId?: number;
  signal?: AbortSignal;
}

export interface MarkRecoveredResult {
  email: string;
  /** False when no contact has this email (nothing to clear). */
  found: boolean;
  contactId: number | null;
  /** The segment the contact was taken out of, when one was given. */
  removedFromSegment?: number;
}

/**
 * Clears the cart fields and swaps `abandoned_cart` for `recovered_cart`, then takes the contact
 * out of the cart's segment when given. Mautic skips blank values on PATCH unless
 * `overwriteWithBlank` is set, which is what makes the clearing real. Requests: the lookup (none
 * when this client knows the email), the PATCH, and 1 for the segment.
 */
export async function markCartRecovered(
  resources: WorkflowResources,
  emailInput: string,
  options: MarkRecoveredOptions = {},
): Promise<MarkRecoveredResult> {
  const email = assertEmail(emailInput);
  const segmentId = options.segmentId === undefined ? undefined : assertId(options.segmentId, 'segmentId');
  const { contacts, fields } = resources;
  return resources.customers.run(customerKey(email), async () => {
    const contactId = await contacts.idOf(email, options);
    if (contactId === null) return { email, found: false, contactId: null };
    const cleared = {
      [fields.aliasOf('mautic_woo_cart_data')]: '',
      [fields.aliasOf('mautic_woo_recovery_url')]: '',
      [fields.aliasOf('mautic_woo_coupon_code')]: '',
      overwriteWithBlank: true,
      tags: [RECOVERED_CART_TAG, `-${ABANDONED_CART_TAG}`],
    };
    await contacts.update(contactId, cleared, options);
    if (segmentId === undefined) return { email, found: true, contactId };
    const removed = await resources.segments.removeContact(segmentId, contactId, options);
    if (!removed) throw new MauticError(`Mautic did not remove contact ${contactId} from segment ${segmentId}`);
    return { email, found: true, contactId, removedFromSegment: segmentId };
  });
}
