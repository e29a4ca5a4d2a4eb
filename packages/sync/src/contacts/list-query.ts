import type * as sdk from '@mautic-woo/sdk';

export interface ListContactsQuery {
  search?: string;
  start?: number;
  limit?: number;
  orderBy?: string;
  orderByDir?: 'ASC' | 'DESC';
  minimal?: boolean;
  published?: boolean;
  /** Serialized as `where[i][col|expr|val]`: the exact, parser-free filter (e.g. email `eq`). */
  where?: sdk.WhereClause[];
}

// hey-api's serializer flattens one level of deepObject; Mautic's `where[0][col]=…` needs two.
// Every value is percent-encoded, so `+` in an email is not read as a space.
export function serializeContactsQuery(query: ListContactsQuery): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || key === 'where') continue;
    const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  }
  query.where?.forEach((clause, index) => {
    for (const key of ['col', 'expr', 'val'] as const) {
      const value = clause[key];
      if (value !== undefined)
        parts.push(`${encodeURIComponent(`where[${index}][${key}]`)}=${encodeURIComponent(value)}`);
    }
  });
  return parts.join('&');
}
