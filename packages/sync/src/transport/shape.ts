import { MauticApiError } from '../errors';
import { listValues } from '../types';
import type { RequestInfo } from './response';

/**
 * Checks that an answer has the shape Mautic sends before anything reads into it, so a server that
 * misbehaves (`{"contact":null}`, `{"contacts":{"5":null}}`, a list that never ends) gets a
 * MauticApiError that says so, not a TypeError from deep inside a workflow.
 */

export interface ShapedAnswer {
  data: unknown;
  status: number;
  headers: Headers;
  request: RequestInfo;
}

function notMautic(answer: Pick<ShapedAnswer, 'status' | 'headers' | 'request'>, what: string): MauticApiError {
  const { method, url, secrets } = answer.request;
  const path = new URL(url, 'http://x').pathname;
  return new MauticApiError({
    status: answer.status,
    method,
    url,
    secrets,
    headers: answer.headers,
    message: `Mautic answered ${answer.status} to ${method} ${path} with an answer that is not what Mautic sends: ${what}`,
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasId = (value: Record<string, unknown>) =>
  (typeof value.id === 'number' && value.id > 0) || (typeof value.id === 'string' && /^\d+$/.test(value.id));

/** `answer.data[key]`, which must be an object with an id (`{"contact":{…}}`). */
export function entity<T>(answer: ShapedAnswer, key: string): T {
  const value = (answer.data as Record<string, unknown>)[key];
  if (!isRecord(value) || !hasId(value)) {
    throw notMautic(
      answer,
      `"${key}" is ${value === null ? 'null' : isRecord(value) ? 'an object without an id' : typeof value}`,
    );
  }
  return value as T;
}

/** The items of `answer.data[key]` (an id-keyed object or an array), each of which must be an object. */
export function entities<T>(answer: ShapedAnswer, key: string): T[] {
  const raw = (answer.data as Record<string, unknown>)[key];
  if (raw !== undefined && raw !== null && typeof raw !== 'object')
    throw notMautic(answer, `"${key}" is ${typeof raw}`);
  const items = listValues<unknown>(raw);
  const bad = items.findIndex((item) => !isRecord(item));
  if (bad >= 0) throw notMautic(answer, `an item of "${key}" is ${items[bad] === null ? 'null' : typeof items[bad]}`);
  return items as T[];
}

/** Far more than any Mautic list this package reads (500 a page: half a million items). */
export const MAX_PAGES = 1_000;

/**
 * A check per page of a paged read: `total` must be a finite number, each page must bring items
 * not seen before (a server that ignores `start` answers the first page forever), and the number
 * of pages is bounded.
 */
export function pageGuard(): (answer: ShapedAnswer, page: unknown[]) => void {
  const seen = new Set<string>();
  let pages = 0;
  return (answer, page) => {
    pages++;
    const listed = (answer.data as { total?: unknown }).total;
    const total = Number(listed ?? 0);
    if (!Number.isFinite(total) || total < 0) {
      throw notMautic(answer, `the list's total is ${JSON.stringify(listed)}`);
    }
    const keys = page.map((item) => JSON.stringify((item as { id?: unknown }).id ?? item));
    if (keys.length > 0 && keys.every((key) => seen.has(key))) {
      throw notMautic(answer, `page ${pages} repeats items already read (the server ignores "start")`);
    }
    for (const key of keys) seen.add(key);
    if (pages >= MAX_PAGES) throw notMautic(answer, `the list did not end after ${MAX_PAGES} pages`);
  };
}
