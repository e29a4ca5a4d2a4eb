import type { Logger } from '@mautic-woo/sync';
import { WebhookConfigError } from '../config-error';
import type { DeliveryProcessor, DeliveryQueue } from '../queue';

/** Where the embedded queue keeps its journal unless told otherwise, from the working directory. */
export const DEFAULT_QUEUE_DIR = '.mautic-woo/queue';

/** Delay before attempt n+1 after n failures: a function, or doubling from `baseMs` up to `maxMs`. */
export type Backoff = { baseMs?: number; maxMs?: number } | ((failures: number) => number);

export interface FileQueueOptions {
  /** The journal's directory, created when missing. Default `./.mautic-woo/queue`. */
  dir?: string;
  /** Applies one delivery; throwing retries it (see createDeliveryProcessor). */
  process: DeliveryProcessor;
  /** Deliveries applied at once (of different customers: one customer's run one at a time). Default 4. */
  concurrency?: number;
  /** Attempts before a delivery becomes a dead letter. Default 12 (about 55 minutes with the default backoff). */
  maxAttempts?: number;
  /** Default `{ baseMs: 1000, maxMs: 900_000 }`. */
  backoff?: Backoff;
  /** Delivery ids (for duplicates) and per-resource dates (for stale deliveries) remembered. Default 100,000. */
  remember?: number;
  /** Compact the journal once it is over this size and mostly finished work. Default 4 MiB. */
  compactAtBytes?: number;
  logger?: Partial<Logger>;
}

export interface QueueCounts {
  /** Accepted, not yet tried. */
  waiting: number;
  /** Being applied now. */
  active: number;
  /** Failed at least once, waiting for the next attempt. */
  retrying: number;
  /** Out of attempts: kept until retried (`retryDeadLetters`). */
  dead: number;
}

/** A delivery that ran out of attempts. Its payload stays in the journal; no email is listed. */
export interface DeadLetter {
  id: string;
  topic: string;
  resourceId: number;
  modifiedAt: string | null;
  receivedAt: number;
  attempts: number;
  /** The last error's name and message. */
  error: string | null;
  failedAt: number | null;
}

export interface FileQueue extends DeliveryQueue {
  /** Resolves once the journal is replayed (rejects when the directory cannot be opened or is locked). */
  ready(): Promise<void>;
  counts(): Promise<QueueCounts>;
  listDeadLetters(): Promise<DeadLetter[]>;
  /** Puts dead letters (all, or those ids) back in line with fresh attempts; resolves with how many. */
  retryDeadLetters(ids?: readonly string[]): Promise<number>;
}

/** Delivery ids and resource dates a queue remembers unless told otherwise (`remember`). */
export const DEFAULT_REMEMBER = 100_000;

const positive = (value: number | undefined, fallback: number, name: string) => {
  const resolved = value ?? fallback;
  if (!Number.isSafeInteger(resolved) || resolved < 1)
    throw new WebhookConfigError(`${name} must be a positive integer`);
  return resolved;
};

export function resolveFileQueueOptions(options: FileQueueOptions) {
  if (typeof options?.process !== 'function') throw new WebhookConfigError('process is required');
  const backoff = options.backoff ?? {};
  const delay =
    typeof backoff === 'function'
      ? backoff
      : (failures: number) => Math.min(backoff.maxMs ?? 900_000, (backoff.baseMs ?? 1000) * 2 ** (failures - 1));
  return {
    dir: options.dir ?? DEFAULT_QUEUE_DIR,
    process: options.process,
    concurrency: positive(options.concurrency, 4, 'concurrency'),
    maxAttempts: positive(options.maxAttempts, 12, 'maxAttempts'),
    delay,
    remember: positive(options.remember, DEFAULT_REMEMBER, 'remember'),
    compactAtBytes: positive(options.compactAtBytes, 4 * 1024 * 1024, 'compactAtBytes'),
  };
}
