import type { Contact } from '../types';

/**
 * The contact among `contacts` whose email is exactly `wanted`. The lookup uses Mautic's
 * `where … eq` filter, not `search` (`search=email:x` is a prefix match, a bare search a substring
 * match across many fields, and `+`/`_`/`%` mean things there); the answer is checked again here
 * since MySQL compares case- and accent-insensitively. Duplicates (Mautic allows them) resolve to
 * the oldest.
 */
export function exactMatch(contacts: Contact[], wanted: string): Contact | null {
  const exact = contacts.filter((c) => String(c.fields?.all?.email ?? '').toLowerCase() === wanted.toLowerCase());
  exact.sort((a, b) => Number(a.id) - Number(b.id));
  return exact[0] ?? null;
}
