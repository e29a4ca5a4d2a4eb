/**
 * How the fake Mautic reads `GET /api/contacts?where[0][col|expr|val]=…`, with two 5.x behaviours
 * the sync layer has to live with (see packages/spec/README.md):
 * - `where` values pass through `InputHelper::cleanArray`, which HTML-escapes `&`, `'`, `"`, `<`, `>`
 *   (5.x; 7.x reads them raw), so `eq` on `o'brien@example.com` compares against `o&#039;brien…`;
 * - the contact count is cached (`contact_api_count_cache_ttl`, 5 s on 5.1+), and when the cached
 *   total is 0 the page query is skipped: a contact created in the last seconds can be missing.
 */
export interface ContactQueryRules {
  /** Mautic 5.x's escaping of `where` values. Default true. */
  escapeWhere?: boolean;
  /** How long a query's total is cached, ms. Default 0 (no cache). */
  countCacheMs?: number;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', "'": '&#039;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };

export function htmlEscape(value: string): string {
  return value.replace(/[&'"<>]/g, (char) => ENTITIES[char] ?? char);
}

const literal = (char: string) => char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** SQL LIKE on a MySQL case-insensitive collation: `%` any run, `_` one character, `\` escapes. */
function likeMatches(pattern: string, value: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '\\' && i + 1 < pattern.length) source += literal(pattern[++i] as string);
    else source += char === '%' ? '.*' : char === '_' ? '.' : literal(char);
  }
  return new RegExp(`^${source}$`, 'is').test(value);
}

export class ContactQuery {
  readonly #cachedTotals = new Map<string, { total: number; at: number }>();

  constructor(private readonly rules: ContactQueryRules = {}) {}

  /** The emails' matches for one request, after the count cache had its say. */
  select<T extends { email: string }>(
    contacts: T[],
    query: URLSearchParams,
    now = Date.now(),
  ): { total: number; page: T[] } {
    const col = query.get('where[0][col]');
    const expr = query.get('where[0][expr]') ?? 'eq';
    const raw = query.get('where[0][val]');
    let matches = contacts;
    if (col === 'email' && raw !== null) {
      const val = this.rules.escapeWhere === false ? raw : htmlEscape(raw);
      matches = contacts.filter((c) =>
        expr === 'like' ? likeMatches(val, c.email) : c.email.toLowerCase() === val.toLowerCase(),
      );
    }
    const key = `${col}|${expr}|${raw}`;
    const cached = this.#cachedTotals.get(key);
    const ttl = this.rules.countCacheMs ?? 0;
    const total = cached && now - cached.at < ttl ? cached.total : matches.length;
    if (!cached || now - cached.at >= ttl) this.#cachedTotals.set(key, { total, at: now });
    // Mautic skips the page query when the (cached) count is 0.
    const limit = Number(query.get('limit') ?? 30);
    return { total, page: total === 0 ? [] : matches.slice(0, limit) };
  }
}
