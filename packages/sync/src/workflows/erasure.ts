import { MauticNotFoundError } from '../errors';
import { assertEmail } from '../input';
import { emailHash } from '../state/erasure-log';
import { customerKey, type WorkflowResources } from './resources';

export interface EraseCustomerResult {
  /** False when Mautic had no contact with exactly this email: nothing was deleted there. */
  found: boolean;
  /** The contacts with exactly this email (Mautic allows duplicates) that this call deleted. */
  deletedContactIds: number[];
  /** Orders whose sent-steps entries this client forgot. */
  forgottenOrders: number;
  /** The tombstone's time (ISO 8601): webhooks for orders created before it are skipped from now on. */
  erasedAt: string;
}

/**
 * Erasure (GDPR Art. 17): the tombstone first, so that a webhook racing the erasure for an older
 * order is already skipped; then every contact with exactly this email is deleted, the one this
 * client has cached included (a 404 means it was already gone); then this client forgets the
 * email: the id cache and the sent-steps entries of the orders it synced for it. Requests: 1
 * lookup + 1 per contact.
 */
export async function eraseCustomer(
  resources: WorkflowResources,
  emailInput: string,
  options: { signal?: AbortSignal } = {},
): Promise<EraseCustomerResult> {
  const email = assertEmail(emailInput);
  const key = customerKey(email);
  return resources.customers.run(key, async () => {
    const erasedAt = Date.now();
    await resources.erasures.record(await emailHash(email), erasedAt);
    // The cached id too: Mautic 5.1+ can leave a contact created in the last 5 s out of a list (its count cache).
    const known = resources.contacts.knownId(email);
    const ids = new Set((await resources.contacts.findAllByEmail(email, options)).map((contact) => contact.id));
    if (known !== undefined) ids.add(known);
    const deletedContactIds: number[] = [];
    for (const id of ids) {
      try {
        await resources.contacts.delete(id, options);
        deletedContactIds.push(id);
      } catch (error) {
        // Deleted by someone else first (or, for a cached id, merged away): gone either way.
        if (!(error instanceof MauticNotFoundError)) throw error;
      }
    }
    resources.contacts.forget(email);
    const orderIds = resources.customerOrders.take(key);
    await resources.steps.forget(orderIds);
    return {
      found: deletedContactIds.length > 0,
      deletedContactIds,
      forgottenOrders: orderIds.length,
      erasedAt: new Date(erasedAt).toISOString(),
    };
  });
}

/** WooCommerce's `*_gmt` dates carry no offset (`2017-03-22T19:28:02`): they are UTC. */
function wooTime(...dates: Array<string | null | undefined>): number | undefined {
  for (const date of dates) {
    if (typeof date !== 'string' || date.trim() === '') continue;
    const text = date.trim();
    const time = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
    if (Number.isFinite(time)) return time;
  }
  return undefined;
}

/**
 * The rule that keeps an erased customer erased: when this email has a tombstone, anything dated
 * at or before it (an order by its creation date, a customer profile by its last change) is
 * skipped; anything after it is the customer coming back, and syncs as new. Something with no
 * readable date cannot prove it is newer, so it is skipped too. Returns why it is skipped, or
 * undefined when it may sync. Costs no request: one lookup in the ErasureLog.
 */
export async function erasureSkip(
  resources: WorkflowResources,
  email: string,
  what: string,
  ...dates: Array<string | null | undefined>
): Promise<string | undefined> {
  return erasureRule(await resources.erasures.erasedAt(await emailHash(email)), what, ...dates);
}

/** The rule of `erasureSkip` once the erasure time (or undefined: none) is known. */
export function erasureRule(
  erasedAt: number | undefined,
  what: string,
  ...dates: Array<string | null | undefined>
): string | undefined {
  if (erasedAt === undefined) return undefined;
  const time = wooTime(...dates);
  if (time !== undefined && time > erasedAt) return undefined;
  const when = new Date(erasedAt).toISOString();
  return time === undefined
    ? `the customer was erased at ${when} and this ${what} has no date to show it is newer`
    : `the customer was erased at ${when}; this ${what} is dated before that`;
}
