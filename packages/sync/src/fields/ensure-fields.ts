import type { MauticApi } from '../api';
import type { Logger } from '../logger';
import { readAllPages } from '../paged-list';
import { entity } from '../transport/shape';
import type { Field } from '../types';
import { MAUTIC_WOO_FIELDS, type MauticWooFieldAlias } from './definitions';

export type FieldStatus =
  | { alias: MauticWooFieldAlias; status: 'exists' }
  | { alias: MauticWooFieldAlias; status: 'created' }
  /** 202: Mautic adds the column in the background; writes land once its cron has run. */
  | { alias: MauticWooFieldAlias; status: 'queued' }
  /** Mautic gave the field another alias (its own alias was taken or reserved). */
  | { alias: MauticWooFieldAlias; status: 'renamed'; actualAlias: string };

export interface EnsureFieldsResult {
  fields: FieldStatus[];
  /** The alias each field is written under: its own, or the one Mautic renamed it to. */
  aliases: Record<MauticWooFieldAlias, string>;
}

export interface CheckFieldsResult {
  present: MauticWooFieldAlias[];
  missing: MauticWooFieldAlias[];
}

/** Which of the six fields exist, matched by alias. Reads only; creates nothing. */
export async function checkCustomFields(api: MauticApi, signal?: AbortSignal): Promise<CheckFieldsResult> {
  // Every page: Mautic pages lists (30 by default), and a site has 40+ fields.
  const fields = await readAllPages<Field>(api, 'listContactFields', 'fields', signal);
  const existing = new Set(fields.map((field) => field.alias));
  const result: CheckFieldsResult = { present: [], missing: [] };
  for (const { alias } of MAUTIC_WOO_FIELDS) (existing.has(alias) ? result.present : result.missing).push(alias);
  return result;
}

/**
 * Reads the contact fields once and creates the missing `mautic_woo_*` fields, matched by alias
 * (Mautic renames a duplicate alias silently, so creating blindly would make `…_order_data1`).
 */
export async function ensureCustomFields(
  api: MauticApi,
  logger: Logger,
  signal?: AbortSignal,
): Promise<EnsureFieldsResult> {
  const { missing } = await checkCustomFields(api, signal);
  const fields: FieldStatus[] = [];
  const aliases = Object.fromEntries(MAUTIC_WOO_FIELDS.map((f) => [f.alias, f.alias])) as Record<
    MauticWooFieldAlias,
    string
  >;
  for (const definition of MAUTIC_WOO_FIELDS) {
    if (!missing.includes(definition.alias)) {
      fields.push({ alias: definition.alias, status: 'exists' });
      continue;
    }
    const answer = await api.call('createContactField', { body: { ...definition } }, { signal });
    const field = entity<Field>(answer, 'field');
    // 202: Mautic adds the column in the background (create_custom_field_in_background).
    const queued = answer.status === 202;
    if (field.alias !== definition.alias) {
      aliases[definition.alias] = field.alias;
      fields.push({ alias: definition.alias, status: 'renamed', actualAlias: field.alias });
      logger.warn(`Mautic created field ${definition.alias} as ${field.alias}; writing to ${field.alias}`);
    } else {
      fields.push({ alias: definition.alias, status: queued ? 'queued' : 'created' });
      if (queued) logger.info(`field ${definition.alias} is queued; Mautic adds its column in the background`);
    }
  }
  return { fields, aliases };
}
