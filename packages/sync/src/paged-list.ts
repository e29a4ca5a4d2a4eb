import type { CallArgs, MauticApi } from './api';
import { entities, pageGuard } from './transport/shape';

const PAGE_SIZE = 500;

/** Every item of a paged list (`total` says when to stop), whichever form Mautic sends it in. */
export async function readAllPages<T>(
  api: MauticApi,
  id: 'listContactFields' | 'listTags',
  key: string,
  signal?: AbortSignal,
): Promise<T[]> {
  const all: T[] = [];
  const checkPage = pageGuard();
  for (let start = 0; ; ) {
    const args = { query: { start, limit: PAGE_SIZE } } as CallArgs<typeof id>;
    const answer = await api.call(id, args, { signal });
    const shaped = answer;
    const page = entities<T>(shaped, key);
    checkPage(shaped, page);
    all.push(...page);
    start += page.length;
    if (page.length === 0 || start >= Number(answer.data.total ?? 0)) return all;
  }
}
