import type { CallArgs, MauticApi } from './api';
import { listValues } from './types';

const PAGE_SIZE = 500;

/** Every item of a paged list (`total` says when to stop), whichever form Mautic sends it in. */
export async function readAllPages<T>(
  api: MauticApi,
  id: 'listContactFields' | 'listTags',
  key: string,
  signal?: AbortSignal,
): Promise<T[]> {
  const all: T[] = [];
  for (let start = 0; ; ) {
    const args = { query: { start, limit: PAGE_SIZE } } as CallArgs<typeof id>;
    const answer = await api.call(id, args, { signal });
    const page = listValues<T>((answer.data as Record<string, unknown>)[key]);
    all.push(...page);
    start += page.length;
    if (page.length === 0 || start >= Number(answer.data.total ?? 0)) return all;
  }
}
