import { DEFAULT_PREFIX, type RedisConnection } from './connection';
import { DEFAULT_RETENTION_MS, retentionArg } from './retention';

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

export function resolveQueueOptions({
  prefix = DEFAULT_PREFIX,
  name = 'deliveries',
  retentionMs = DEFAULT_RETENTION_MS,
}: RedisQueueBaseOptions) {
  return { prefix, name, retention: retentionArg(retentionMs) };
}
