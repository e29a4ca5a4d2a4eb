import type { MauticApi } from '../api';
import type { EnsureTagsResult, ensureTags, KnownTags } from './ensure-tags';

/** Mautic tags. Owns the names this client knows exist, so they are not asked about again. */
export class Tags {
  readonly #api: MauticApi;
  readonly #known: KnownTags = { listed: false, names: new Set() };
  readonly #setup: () => Promise<{ ensureTags: typeof ensureTags }>;

  /** `setup` loads the tag setup on first use (the client's on-demand.ts). */
  constructor(api: MauticApi, setup: () => Promise<{ ensureTags: typeof ensureTags }>) {
    this.#api = api;
    this.#setup = setup;
  }

  /** Creates the tags that do not exist yet. */
  async ensure(
    names: readonly string[],
    options: { signal?: AbortSignal | undefined } = {},
  ): Promise<EnsureTagsResult> {
    return (await this.#setup()).ensureTags(this.#api, this.#known, names, options.signal);
  }
}
