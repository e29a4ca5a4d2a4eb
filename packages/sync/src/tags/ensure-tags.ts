import type { MauticApi } from '../api';
import { assertTagList } from '../input';
import { readAllPages } from '../paged-list';
import type { Tag } from '../types';

/** Tag names this client knows exist (lower-cased), and whether Mautic's list was read. */
export interface KnownTags {
  listed: boolean;
  names: Set<string>;
}

export interface EnsureTagsResult {
  created: string[];
  existing: string[];
}

/**
 * Creates the tags that do not exist yet. Names already seen by this client are not asked about
 * again; Mautic compares names case-insensitively, so this does too.
 */
export async function ensureTags(
  api: MauticApi,
  known: KnownTags,
  names: readonly string[],
  signal?: AbortSignal,
): Promise<EnsureTagsResult> {
  const wanted = [...new Set(assertTagList(names, 'names'))];
  const result: EnsureTagsResult = { created: [], existing: [] };
  let missing = wanted.filter((name) => !known.names.has(name.toLowerCase()));
  if (missing.length > 0 && !known.listed) {
    for (const tag of await readAllPages<Tag>(api, 'listTags', 'tags', signal))
      known.names.add(String(tag.tag).toLowerCase());
    known.listed = true;
    missing = wanted.filter((name) => !known.names.has(name.toLowerCase()));
  }
  for (const name of wanted) if (!missing.includes(name)) result.existing.push(name);
  for (const name of missing) {
    // 200 answers an existing name (a race with someone else), 201 a new one: both mean "there".
    const answer = await api.call('createTag', { body: { tag: name } }, { signal });
    (answer.status === 201 ? result.created : result.existing).push(name);
    known.names.add(name.toLowerCase());
  }
  return result;
}
