import type { MauticApi } from '../api';
import { MauticApiError, type MauticErrorItem, MauticInvalidInputError } from '../errors';
import type { Contact, ContactInput } from '../types';

/**
 * `POST /api/contacts/batch/new`: up to `api_batch_max_limit` (200) contacts, each created or
 * merged into the contact with its email, as `POST /contacts/new` does one. Mautic answers 201 for
 * the request and the outcome of each item by request index: `contacts`, `statusCodes` and
 * `errors` are PHP arrays, so each comes as a list while its keys are 0..n-1 and as an object
 * keyed by index otherwise (`errors` is a list when only item 0 failed). Both forms are read.
 */

/** Mautic's default `api_batch_max_limit`; a site may set it lower. */
export const MAX_BATCH_SIZE = 200;

export type BatchItemResult =
  | { ok: true; contact: Contact; created: boolean }
  /** The item's own error, typed as a single write's would be (a 400 is a MauticValidationError). */
  | { ok: false; error: MauticApiError };

/**
 * `list[i]` of a PHP array sent as a JSON list or as an object keyed by index. PHP sends a list
 * only when the keys are exactly 0..n-1, so in a list the entry at `i` is item `i` (or absent).
 */
function byIndex<T>(list: unknown, index: number): T | undefined {
  if (list && typeof list === 'object') return (list as Record<string, T>)[String(index)];
  return undefined;
}

export async function createContactsBatch(
  api: MauticApi,
  items: ContactInput[],
  signal?: AbortSignal,
): Promise<BatchItemResult[]> {
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH_SIZE) {
    throw new MauticInvalidInputError(`a batch holds 1 to ${MAX_BATCH_SIZE} contacts`, 'items');
  }
  const answer = await api.call('createContactsBatch', { body: items }, { signal });
  const { contacts, statusCodes, errors } = answer.data;
  const url = `${api.baseUrl}/api/contacts/batch/new`;
  return items.map((_, index): BatchItemResult => {
    const status = Number(byIndex(statusCodes, index));
    const contact = byIndex<Contact>(contacts, index);
    if ((status === 200 || status === 201) && contact) return { ok: true, contact, created: status === 201 };
    const item = byIndex<MauticErrorItem>(errors, index);
    const code = typeof item?.code === 'number' ? item.code : Number.isFinite(status) && status >= 400 ? status : 500;
    return {
      ok: false,
      error: MauticApiError.from({
        status: code,
        method: 'POST',
        url,
        secrets: api.secrets,
        errors: item ? [item] : [],
        ...(item
          ? {}
          : { message: `Mautic answered item ${index} of a batch with ${status || 'no status'} and no contact` }),
      }),
    };
  });
}
