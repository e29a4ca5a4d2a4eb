import type { MauticApi } from '../api';
import type { Logger } from '../logger';
import type { MauticWooFieldAlias } from './definitions';
import type { CheckFieldsResult, checkCustomFields, EnsureFieldsResult, ensureCustomFields } from './ensure-fields';

type Signal = { signal?: AbortSignal | undefined };

/** The setup of the fields, loaded on first use: the client hands in the loader (on-demand.ts). */
export interface FieldSetup {
  ensureCustomFields: typeof ensureCustomFields;
  checkCustomFields: typeof checkCustomFields;
}

/**
 * The `mautic_woo_*` custom contact fields. Owns the memo of `ensure` (once per client; a failure
 * is not kept, so the next call tries again) and the alias each field is written under.
 */
export class Fields {
  readonly #api: MauticApi;
  readonly #logger: Logger;
  #ensured: Promise<EnsureFieldsResult> | null = null;
  #aliases: EnsureFieldsResult['aliases'] | null = null;
  readonly #setup: () => Promise<FieldSetup>;

  constructor(api: MauticApi, logger: Logger, setup: () => Promise<FieldSetup>) {
    this.#api = api;
    this.#logger = logger;
    this.#setup = setup;
  }

  /** Creates the missing fields, once per client (`refresh: true` checks again). */
  ensure(options: Signal & { refresh?: boolean } = {}): Promise<EnsureFieldsResult> {
    if (options.refresh) this.#ensured = null;
    this.#ensured ??= this.#setup()
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
    return (await this.#setup()).checkCustomFields(this.#api, options.signal);
  }

  /** The alias a field is written under: Mautic's own, when it renamed ours on creation. */
  aliasOf(alias: MauticWooFieldAlias): string {
    return this.#aliases?.[alias] ?? alias;
  }
}
