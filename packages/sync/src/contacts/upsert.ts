import { MauticInvalidInputError, MauticNotFoundError, MauticValidationError } from '../errors';
import { assertEmail, assertFieldLengths, assertTagList } from '../input';
import type { Logger } from '../logger';
import { dropsZeroValues, zeroValuedFields } from '../server-version';
import type { Contact, ContactFields, ContactInput } from '../types';
import type { ContactCache } from './contact-cache';
import type { Contacts } from './contacts';

export interface UpsertContactInput extends ContactFields {
  email: string;
  /** Tags to add (Mautic never removes tags on an edit unless told to with `-tag`). */
  tags?: string[];
}

export interface UpsertOptions {
  /**
   * `lookup` (default): find the contact by exact email, then edit it or create it: 2 requests
   * the first time an email is seen by this client, 1 after. `merge`: one `POST /contacts/new`,
   * which Mautic itself merges on its unique identifiers: safe only while email is the only
   * unique identifier (Mautic's default). See the README.
   */
  strategy?: 'lookup' | 'merge';
  /** Tags to remove (sent as `-tag`). */
  removeTags?: string[];
  /** Write blank values too (Mautic skips them on POST and PATCH otherwise). */
  overwriteWithBlank?: boolean;
  signal?: AbortSignal | undefined;
}

export interface UpsertResult {
  contact: Contact;
  created: boolean;
  /**
   * Fields Mautic did not save: a `state` or `country` it refused (left out on the retry), or, on
   * Mautic ≤ 5.x, a numeric value of 0 (Mautic unsets those on every POST and PATCH).
   */
  droppedFields: string[];
}

// Mautic refuses the whole contact for a region or country not in its lists; these are dropped
// and the contact saved without them, rather than losing the customer.
const DROPPABLE = ['state', 'country'] as const;

function buildBody(input: UpsertContactInput, options: UpsertOptions): ContactInput {
  const body: ContactInput = {};
  for (const [alias, value] of Object.entries(input)) {
    if (alias === 'tags' || value === undefined) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      throw new MauticInvalidInputError(`${alias} must be a string, number, boolean, null or string array`, alias);
    }
    body[alias] = value;
  }
  body.email = assertEmail(input.email);
  assertFieldLengths(body);
  const tags = [
    ...assertTagList(input.tags, 'tags'),
    ...assertTagList(options.removeTags, 'removeTags').map((tag) => `-${tag}`),
  ];
  if (tags.length > 0) body.tags = tags;
  if (options.overwriteWithBlank) body.overwriteWithBlank = true;
  return body;
}

function rejectedFields(error: unknown): string[] {
  if (!(error instanceof MauticValidationError)) return [];
  return DROPPABLE.filter((field) => field in error.fieldErrors);
}

function emailTaken(error: unknown): boolean {
  return error instanceof MauticValidationError && 'email' in error.fieldErrors;
}

/**
 * The upsert behind `contacts.upsert`: look the email up (or trust the cache), then edit or create,
 * falling back where Mautic's rules make the first choice fail. A region or country Mautic refuses
 * is dropped and the contact saved without it, rather than losing the customer.
 */
export async function upsertContact(
  contacts: Contacts,
  cache: ContactCache,
  logger: Logger,
  input: UpsertContactInput,
  options: UpsertOptions = {},
): Promise<UpsertResult> {
  if (!input || typeof input !== 'object') throw new MauticInvalidInputError('input is required', 'input');
  const body = buildBody(input, options);
  const email = body.email as string;
  const { signal } = options;
  const droppedFields: string[] = [];

  const write = async (payload: ContactInput): Promise<{ contact: Contact; created: boolean }> => {
    if (options.strategy === 'merge') return contacts.create(payload, { signal });
    const known = cache.get(email) ?? (await contacts.findByEmail(email, { signal }))?.id;
    if (known === undefined) {
      try {
        return await contacts.create(payload, { signal });
      } catch (error) {
        // Where email is not Mautic's unique identifier a create can be refused as a duplicate.
        if (!emailTaken(error)) throw error;
        const existing = await contacts.findByEmail(email, { signal });
        if (!existing) throw error;
        return { contact: await contacts.update(existing.id, payload, { signal }), created: false };
      }
    }
    try {
      return { contact: await contacts.update(known, payload, { signal }), created: false };
    } catch (error) {
      // The cached contact was deleted or merged away since: forget it and create.
      if (!(error instanceof MauticNotFoundError)) throw error;
      cache.delete(email);
      return contacts.create(payload, { signal });
    }
  };

  let result: { contact: Contact; created: boolean };
  try {
    result = await write(body);
  } catch (error) {
    const rejected = rejectedFields(error).filter((field) => body[field] !== undefined);
    if (rejected.length === 0) throw error;
    const retryBody = { ...body };
    for (const field of rejected) delete retryBody[field];
    droppedFields.push(...rejected);
    logger.warn(`Mautic refused ${rejected.join(' and ')} for a contact; saving it without them`, {
      rejected: rejected.map((field) => `${field}=${JSON.stringify(body[field])}`),
    });
    result = await write(retryBody);
  }
  cache.set(email, result.contact.id);
  if (dropsZeroValues(contacts.serverVersion)) {
    const zeros = zeroValuedFields(body).filter((field) => !droppedFields.includes(field));
    if (zeros.length > 0) {
      droppedFields.push(...zeros);
      logger.warn(
        `Mautic ${contacts.serverVersion ?? '≤ 5'} does not save 0 on POST or PATCH; not written: ${zeros.join(', ')}`,
      );
    }
  }
  return { ...result, droppedFields };
}
