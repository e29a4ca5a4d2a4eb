import type { WhereClause } from '@mautic-woo/sdk';
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

/**
 * The `where` clause that finds exactly `email` on every Mautic version. Mautic 5.x HTML-escapes
 * `where` values (`'` → `&#039;`), so `eq` on `o'brien@example.com` finds nobody there. Such
 * characters become LIKE's one-character wildcard `_`, which the escaping leaves alone, and the
 * email's own `%`, `_` and `\` are escaped: the pattern matches only emails of the same length that
 * differ at those places, and `exactMatch` keeps the exact one. Never a prefix or substring match.
 */
export function emailLookup(email: string): WhereClause {
  if (!/[&'"<>]/.test(email)) return { col: 'email', expr: 'eq', val: email };
  const pattern = email.replace(/[\\%_]/g, '\\$&').replace(/[&'"<>]/g, '_');
  return { col: 'email', expr: 'like', val: pattern };
}
