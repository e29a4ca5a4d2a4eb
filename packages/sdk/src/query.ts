// Hand-written: the one query encoder hey-api cannot generate. Mautic reads PHP-style nested
// parameters (`where[0][val][1][col]=…`, `select[]=…`); hey-api's serializer flattens one level only.
import type { ListContactsData, OrderClause, WhereFilter } from './generated';

type GeneratedQuery = NonNullable<ListContactsData['query']>;

/** The query of `listContacts`, with `where`, `select` and `order` as plain arrays. */
export type ContactsQuery = Omit<GeneratedQuery, 'where' | 'select[]' | 'order'> & {
  /** Filters, AND-ed; `andX`/`orX` nest clauses under `val`, `between`/`notBetween` take two values. */
  where?: WhereFilter[];
  /** Only these columns in each contact's fields (`select[]=…`). Mautic then omits null values. */
  select?: string[];
  /** Sort columns, in priority order (`order[i][col|dir]`); replaces `orderBy`/`orderByDir`. */
  order?: OrderClause[];
};

const pair = (key: string, value: string | number) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`;

function invalid(path: string, problem: string): never {
  throw new TypeError(`serializeContactsQuery: ${path} ${problem}`);
}

function whereParts(clause: WhereFilter, path: string, parts: string[]): void {
  if (clause === null || typeof clause !== 'object') invalid(path, 'is not a clause object');
  if (typeof clause.expr !== 'string' || !clause.expr) invalid(path, 'has no expr');
  parts.push(pair(`${path}[expr]`, clause.expr));
  if (clause.expr === 'andX' || clause.expr === 'orX') {
    const inner = Array.isArray(clause.val) ? clause.val : Object.values(clause.val ?? {});
    if (inner.length === 0) invalid(path, `(${clause.expr}) has no inner clauses`);
    inner.forEach((child, index) => {
      whereParts(child as WhereFilter, `${path}[val][${index}]`, parts);
    });
    return;
  }
  // Mautic answers 500 for a condition without a column (CommonRepository::validateWhereClause).
  if (typeof clause.col !== 'string' || clause.col === '') invalid(path, 'has no col');
  parts.push(pair(`${path}[col]`, clause.col));
  if (clause.expr === 'between' || clause.expr === 'notBetween') {
    // With anything but two values Mautic silently drops the clause, widening the result.
    if (!Array.isArray(clause.val) || clause.val.length !== 2) invalid(path, `(${clause.expr}) needs two values`);
    clause.val.forEach((value, index) => {
      parts.push(pair(`${path}[val][${index}]`, String(value)));
    });
    return;
  }
  if (Array.isArray(clause.val)) invalid(path, `(${clause.expr}) takes one value`);
  if (clause.val !== undefined) parts.push(pair(`${path}[val]`, String(clause.val)));
}

/**
 * Encodes a `listContacts` query the way Mautic reads it. Pass it as the client's
 * `querySerializer`. Every key and value is percent-encoded, so `+` in an email is not read as a
 * space; booleans are sent as `1`/`0`. A malformed clause throws a TypeError before any request.
 */
export function serializeContactsQuery(query: ContactsQuery): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || key === 'where' || key === 'select' || key === 'order') continue;
    parts.push(pair(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value)));
  }
  query.where?.forEach((clause, index) => {
    whereParts(clause, `where[${index}]`, parts);
  });
  for (const column of query.select ?? []) parts.push(pair('select[]', column));
  query.order?.forEach((clause, index) => {
    if (typeof clause.col !== 'string' || clause.col === '') invalid(`order[${index}]`, 'has no col');
    parts.push(pair(`order[${index}][col]`, clause.col));
    if (clause.dir !== undefined) parts.push(pair(`order[${index}][dir]`, clause.dir));
  });
  return parts.join('&');
}
