import type { Contact, FieldValue } from '../types';

/**
 * Mautic answers a boolean field in a different type per endpoint: integer 0/1 on GET one, the
 * strings "0"/"1" in lists, JSON true/false after a create or edit. The field groups say which
 * fields are booleans; their values become true, false or null whatever the endpoint.
 */
function toBoolean(value: unknown): boolean | null {
  if (value === true || value === 1 || value === '1') return true;
  if (value === false || value === 0 || value === '0') return false;
  return null;
}

export function normalizeContact(contact: Contact): Contact {
  const fields = contact?.fields;
  if (!fields || typeof fields !== 'object') return contact;
  // for…in, not Object.entries: this runs on every contact read (~80 fields), without the arrays.
  for (const group in fields) {
    const entries = (fields as Record<string, unknown>)[group];
    if (group === 'all' || !entries || typeof entries !== 'object' || Array.isArray(entries)) continue;
    for (const alias in entries) {
      const entry = (entries as Record<string, { type?: unknown; value?: unknown }>)[alias];
      if (entry?.type !== 'boolean') continue;
      const value: FieldValue = toBoolean(entry.value ?? fields.all?.[alias]);
      entry.value = value;
      if (fields.all) fields.all[alias] = value;
    }
  }
  return contact;
}
