import { assertEmail } from '../input';
import type { Operations } from '../operations';
import type { Contact } from '../types';

/**
 * The contact whose email is exactly `email`, or null. Uses Mautic's `where … eq` filter, not
 * `search`: `search=email:x` is a prefix match, a bare search is a substring match across many
 * fields, and `+`/`_`/`%` have meanings there. The answer is checked again here, since MySQL
 * compares case- and accent-insensitively; duplicates (Mautic allows them) resolve to the oldest.
 */
export async function findContactByEmail(
  operations: Operations,
  email: string,
  signal?: AbortSignal,
): Promise<Contact | null> {
  const wanted = assertEmail(email);
  const { contacts } = await operations.listContacts(
    { where: [{ col: 'email', expr: 'eq', val: wanted }], limit: 10, orderBy: 'id', orderByDir: 'ASC' },
    signal,
  );
  const exact = contacts.filter((c) => String(c.fields?.all?.email ?? '').toLowerCase() === wanted.toLowerCase());
  exact.sort((a, b) => Number(a.id) - Number(b.id));
  return exact[0] ?? null;
}
