import type { SyncOrderOptions } from '@mautic-woo/sync';
import { UsageError } from './usage';

/** The parseArgs options every syncing command shares. */
export const SYNC_FLAG_OPTIONS = {
  note: { type: 'boolean' },
  tag: { type: 'string', multiple: true },
  'sku-tags': { type: 'boolean' },
  'email-on': { type: 'string', multiple: true },
} as const;

export interface SyncFlagValues {
  note?: boolean;
  tag?: string[];
  'sku-tags'?: boolean;
  'email-on'?: string[];
}

export function syncOptionsFrom(values: SyncFlagValues): Omit<SyncOrderOptions, 'signal'> {
  const options: Omit<SyncOrderOptions, 'signal'> = {};
  if (values.note) options.note = true;
  if (values['sku-tags']) options.skuTags = true;
  if (values.tag?.length) options.tags = values.tag;
  for (const pair of values['email-on'] ?? []) {
    const match = /^([a-z0-9_-]+)=(\d+)$/i.exec(pair.trim());
    if (!match || Number(match[2]) < 1) {
      throw new UsageError(`--email-on expects <status>=<email id>, e.g. completed=12; got "${pair}"`);
    }
    options.emailOnStatus = { ...options.emailOnStatus, [match[1] as string]: Number(match[2]) };
  }
  return options;
}
