import type { Logger } from '@mautic-woo/sync';

/** One HTTP attempt as the client logged it; retries show up as separate entries. */
export interface LoggedRequest {
  method: string;
  path: string;
  /** Null when no answer came back (timeout, connection refused). */
  status: number | null;
  ms: number | null;
  failure?: string;
}

// The client logs every attempt as `GET /api/contacts 200 12ms` (no query: it may hold an email) or `GET /api/… failed: …`.
const ANSWERED = /^([A-Z]+) (\S+) (\d{3}) (\d+)ms$/;
const FAILED = /^([A-Z]+) (\S+) failed: (.*)$/s;

/**
 * A logger for `createMauticClient` that keeps the requests it hears about, so a report can show
 * what each step sent. `take()` hands over the requests since the last call.
 */
export function createRequestLog(): { logger: Partial<Logger>; take(): LoggedRequest[]; count(): number } {
  let pending: LoggedRequest[] = [];
  let total = 0;
  const logger: Partial<Logger> = {
    debug(message) {
      const answered = ANSWERED.exec(message);
      if (answered) {
        const [, method = '', path = '', status = '0', ms = '0'] = answered;
        pending.push({ method, path, status: Number(status), ms: Number(ms) });
        total++;
        return;
      }
      const failed = FAILED.exec(message);
      if (failed) {
        const [, method = '', path = '', failure = ''] = failed;
        pending.push({ method, path, status: null, ms: null, failure });
        total++;
      }
    },
  };
  return {
    logger,
    take() {
      const taken = pending;
      pending = [];
      return taken;
    },
    count: () => total,
  };
}

/**
 * A request path made readable: the query decoded, Mautic's `where[0][col]=…&where[0][expr]=…&where[0][val]=…`
 * triplets written as `where=email eq x@y.z`, and anything still too long cut in the middle.
 */
export function readablePath(path: string, max = 96): string {
  const [pathname = '', query] = path.split('?', 2);
  let readable = pathname;
  if (query) {
    const params = new URLSearchParams(query);
    const where = new Map<string, Record<string, string>>();
    const rest: string[] = [];
    for (const [key, value] of params) {
      const match = /^where\[(\d+)\]\[(col|expr|val)\]$/.exec(key);
      if (match) {
        const clause = where.get(match[1] ?? '') ?? {};
        clause[match[2] ?? ''] = value;
        where.set(match[1] ?? '', clause);
      } else {
        rest.push(`${key}=${value}`);
      }
    }
    for (const clause of where.values())
      rest.push(`where=${clause.col ?? '?'} ${clause.expr ?? '?'} ${clause.val ?? ''}`);
    readable = `${pathname}?${rest.join('&')}`;
  }
  if (readable.length <= max) return readable;
  const keep = max - 1;
  const head = Math.ceil(keep * 0.6);
  return `${readable.slice(0, head)}…${readable.slice(readable.length - (keep - head))}`;
}
