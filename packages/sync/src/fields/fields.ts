import type { MauticApi } from '../api';
import type { Logger } from '../logger';
import type { MauticWooFieldAlias } from './definitions';
import type { CheckFieldsResult, EnsureFieldsResult } from './ensure-fields';

type Signal = { signal?: AbortSignal | undefined };

/**
 * The `mautic_woo_*` custom contact fields. Owns the memo of `ensure` (once per client; a failure
 * is not kept, so the next call tries again) and the alias each field is written under. The setup
 * itself loads on first use (on-demand.ts).
 */
export class Fields {
  readonly #api: MauticApi;
  readonly #logger: Logger;
  #ensured: Promise<EnsureFieldsResult> | null = null;
  #aliases: EnsureFieldsResult['aliases'] | null = null;

  constructor(api: MauticApi, logger: Logger) {
    this.#api = api;
    this.#logger = logger;
  }

  /** Creates the missing fields, once per client (`refresh: true` checks again). */
  ensure(options: Signal & { refresh?: boolean } = {}): Promise<EnsureFieldsResult> {
    if (options.refresh) this.#ensured = null;
    this.#ensured ??= import('../on-demand')
      .then(({ ensureCustomFields }) => ensureCustomFields(this.#api, this.#logger, options.signal))
      .then(
        (result) => {
          this.#aliases = result.aliases;
          return result;
        },
        (error) => {
          this.#ensured = null;
          throw error;
        },
      );
    return this.#ensured;
  }

  /** Which fields exist, without creating any. */
  async check(options: Signal = {}): Promise<CheckFieldsResult> {
    return (await import('../on-demand')).checkCustomFields(this.#api, options.signal);
  }

  /** The alias a field is written under: Mautic's own, when it renamed ours on creation. */
  aliasOf(alias: MauticWooFieldAlias): string {
    return this.#aliases?.[alias] ?? alias;
  }
}
