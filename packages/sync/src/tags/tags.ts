import type { MauticApi } from '../api';
import type { EnsureTagsResult, KnownTags } from './ensure-tags';

/** Mautic tags. Owns the names this client knows exist, so they are not asked about again. */
export class Tags {
  readonly #api: MauticApi;
  readonly #known: KnownTags = { listed: false, names: new Set() };

  constructor(api: MauticApi) {
    this.#api = api;
  }

  /** Creates the tags that do not exist yet (loaded on first use: on-demand.ts). */
  async ensure(
    names: readonly string[],
    options: { signal?: AbortSignal | undefined } = {},
  ): Promise<EnsureTagsResult> {
    return (await import('../on-demand')).ensureTags(this.#api, this.#known, names, options.signal);
  }
}
