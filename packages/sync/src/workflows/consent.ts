import type { Contacts } from '../contacts/contacts';
import { MauticInvalidInputError } from '../errors';
import type { Contact, DoNotContact } from '../types';
import type { WooMetaData } from '../woo';
import { runStep, type WorkflowStep } from './steps';

/**
 * Where a customer's marketing consent is read: a meta key on the order or customer (a checkout
 * checkbox plugin's key), or a function. `undefined` means "not known": nothing is changed.
 */
export type ConsentSource<T> = { metaKey: string } | ((input: T) => boolean | undefined);

/**
 * Marks the entries this package writes. Mautic strips HTML from comments but keeps this text, and
 * nothing else writes it, so an entry that starts with it is one this package may lift again.
 */
export const CONSENT_DNC_MARKER = 'mautic-woo:';
export const CONSENT_DNC_COMMENT = `${CONSENT_DNC_MARKER} set by mautic-woo because the customer refused marketing consent`;

// What checkbox plugins store: `yes`/`no`, `1`/`0`, `on`, booleans. Anything else reads as unknown.
const GIVEN = new Set(['yes', '1', 'true', 'on']);
const REFUSED = new Set(['no', '0', 'false', 'off']);

export function assertConsentSource<T>(source: unknown): ConsentSource<T> | undefined {
  if (source === undefined || typeof source === 'function') return source as ConsentSource<T> | undefined;
  const key = (source as { metaKey?: unknown } | null)?.metaKey;
  if (typeof key !== 'string' || key.trim() === '') {
    throw new MauticInvalidInputError('consent must be { metaKey: string } or a function', 'consent');
  }
  return source as ConsentSource<T>;
}

/** The consent `source` reads from `input` (its `meta_data` for a meta key); undefined when unknown. */
export function readConsent<T extends { meta_data?: WooMetaData[] | undefined }>(
  source: ConsentSource<T> | undefined,
  input: T,
): boolean | undefined {
  if (source === undefined) return undefined;
  if (typeof source === 'function') {
    const answer = source(input);
    return typeof answer === 'boolean' ? answer : undefined;
  }
  const entry = input.meta_data?.find((meta) => meta?.key === source.metaKey);
  const value = entry?.value;
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim().toLowerCase();
  return GIVEN.has(text) ? true : REFUSED.has(text) ? false : undefined;
}

const emailEntry = (contact: Contact): DoNotContact | undefined =>
  contact.doNotContact?.find((entry) => entry?.channel === 'email');

/** An entry this package set: manual, with its marker. Never an unsubscribe (1) or a bounce (2). */
export const setByThisPackage = (entry: DoNotContact): boolean =>
  Number(entry.reason) === 3 && String(entry.comments ?? '').startsWith(CONSENT_DNC_MARKER);

/**
 * Applies consent to the contact's email do-not-contact entry, reading its entries from `known`
 * (a contact write answers with them) or, when that answer lacks them, with one GET. Refused:
 * adds a manual entry unless the contact already has one (any reason: replacing a bounce with a
 * manual entry would lose why). Given: lifts the entry only when this package set it. Returns
 * what it did, for the step's detail.
 */
export async function applyConsent(
  contacts: Contacts,
  known: Contact,
  consent: boolean,
  signal: AbortSignal | undefined,
): Promise<string> {
  const contact = Array.isArray(known.doNotContact) ? known : await contacts.get(known.id, { signal });
  const entry = emailEntry(contact);
  if (!consent) {
    if (entry) return `refused; already on the email do-not-contact list (reason ${entry.reason})`;
    await contacts.addDoNotContact(
      contact.id,
      { channel: 'email', reason: 3, comments: CONSENT_DNC_COMMENT },
      { signal },
    );
    return 'refused; added to the email do-not-contact list';
  }
  if (!entry) return 'given; not on the do-not-contact list';
  if (!setByThisPackage(entry))
    return `given; the do-not-contact entry (reason ${entry.reason}) was not set here, left alone`;
  await contacts.removeDoNotContact(contact.id, 'email', { signal });
  return 'given; lifted the do-not-contact entry this package set';
}

/**
 * The `consent` step of a workflow: none when no source was given, skipped when the source does not
 * know, else `applyConsent`, whose failure is the step's (the contact write stands).
 */
export async function consentStep(
  contacts: Contacts,
  steps: WorkflowStep[],
  sourceGiven: boolean,
  consent: boolean | undefined,
  contact: Contact,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (!sourceGiven) return;
  if (consent === undefined) steps.push({ step: 'consent', status: 'skipped', detail: 'unknown' });
  else await runStep(steps, 'consent', () => applyConsent(contacts, contact, consent, signal));
}
