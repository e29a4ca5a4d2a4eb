import type { Contact } from '../types';

/**
 * The contacts among `contacts` whose email is exactly `wanted`. The lookup uses Mautic's
 * `where … eq` filter, not `search` (`search=email:x` is a prefix match, a bare search a substring
 * match across many fields, and `+`/`_`/`%` mean things there); the answer is checked again here
 * since MySQL compares case- and accent-insensitively. Duplicates (Mautic allows them) come oldest
 * first; a lookup that wants one takes the oldest.
 */
export function exactMatches(contacts: Contact[], wanted: string): Contact[] {
  const exact = contacts.filter((c) => String(c.fields?.all?.email ?? '').toLowerCase() === wanted.toLowerCase());
  return exact.sort((a, b) => Number(a.id) - Number(b.id));
}
