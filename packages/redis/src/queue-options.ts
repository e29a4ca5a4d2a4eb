import { DEFAULT_PREFIX, type RedisConnection } from './connection';
import { requirePositiveMs } from './errors';

export interface RedisQueueBaseOptions {
  connection: RedisConnection;
  /** Namespaces every key, BullMQ's included (default `mautic-woo`). */
  prefix?: string;
  /** The BullMQ queue's name (default `deliveries`). Handlers and workers must agree on it. */
  name?: string;
  /**
   * How long delivery ids (for `duplicate`) and applied dates (for `stale`) are remembered
   * (default 90 days; `null`: forever).
   */
  retentionMs?: number | null;
}

const DAY = 24 * 60 * 60 * 1000;

export function resolveQueueOptions({
  prefix = DEFAULT_PREFIX,
  name = 'deliveries',
  retentionMs = 90 * DAY,
}: RedisQueueBaseOptions) {
  if (retentionMs !== null) requirePositiveMs('retentionMs', retentionMs);
  return { prefix, name, retention: retentionMs === null ? '' : String(Math.ceil(retentionMs)) };
}
