import type { KeyedSerializer } from '@mautic-woo/sync';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { AppliedMarks, resourceOf } from './applied';
import { openRedis } from './connection';
import type { Delivery, DeliveryProcessor } from './delivery';
import { RedisInputError, requirePositiveMs } from './errors';
import { RedisKeyedSerializer } from './keyed-serializer';
import { redisKeys } from './keys';
import { BACKOFF_TYPE } from './queue';
import { type RedisQueueBaseOptions, resolveQueueOptions } from './queue-options';

export interface RedisWorkerOptions extends RedisQueueBaseOptions {
  process: DeliveryProcessor;
  /** Deliveries this process syncs at once (default 4). */
  concurrency?: number;
  /** At most `max` deliveries per `duration` ms, counted across every worker (Mautic has one API). */
  limiter?: { max: number; duration: number };
  /** Tries per delivery before it becomes a dead letter (default 8). */
  attempts?: number;
  /** Exponential: `delayMs · 2^(n-1)`, capped at `maxDelayMs`, minus up to `jitter` of it at random. */
  backoff?: { delayMs?: number; maxDelayMs?: number; jitter?: number };
  /**
   * One delivery at a time per customer, everywhere (default: a RedisKeyedSerializer on the same
   * Redis). Deliveries run under `lane:`-prefixed keys, so a client may share it for its own lock.
   */
  serializer?: KeyedSerializer;
  /** How long a crashed worker's customer lock blocks that customer (default 30 s). */
  customerLockTtlMs?: number;
  /** How long before a crashed worker's job goes to another worker (BullMQ's lockDuration; default 30 s). */
  jobLockMs?: number;
  /** Signals that close the worker gracefully, then end the process as they would have (default SIGTERM, SIGINT). */
  shutdownSignals?: NodeJS.Signals[];
  /** Connection errors and the like; default: one line on stderr. */
  onError?: (error: Error) => void;
}

export interface RedisWorker {
  /** Resolves once connected and taking jobs. */
  ready(): Promise<void>;
  /** Stops taking jobs and resolves once the running ones have finished. */
  close(): Promise<void>;
}

function exponentialBackoff({ delayMs = 1000, maxDelayMs = 5 * 60_000, jitter = 0.2 } = {}) {
  requirePositiveMs('backoff.delayMs', delayMs);
  requirePositiveMs('backoff.maxDelayMs', maxDelayMs);
  if (!(jitter >= 0 && jitter <= 1)) throw new RedisInputError('backoff.jitter must be between 0 and 1');
  // Jitter spreads the retries of deliveries that failed together (Mautic down) over time.
  return (attemptsMade: number) => {
    const delay = Math.min(maxDelayMs, delayMs * 2 ** Math.max(0, attemptsMade - 1));
    return Math.round(delay * (1 - jitter * Math.random()));
  };
}

/**
 * The key a delivery runs under: its customer, or its resource when it has none (`customer.deleted`).
 * Apart from the customers' own keys (`lane:` before them), so a client whose `serializer` is on the
 * same Redis and prefix takes its lock on the customer inside the lane without waiting for itself; that
 * lock is also what keeps a deletion apart from the same customer's orders, whose lanes differ.
 */
const laneOf = (delivery: Delivery): string => `lane:${delivery.customerKey ?? resourceOf(delivery)}`;

/**
 * Takes deliveries from the queue and syncs them: one at a time per customer across every worker,
 * skipped when older than what was applied for their resource, the applied date advanced after
 * success, retried with backoff, kept as a dead letter after the last attempt.
 */
export function createRedisWorker(options: RedisWorkerOptions): RedisWorker {
  const { prefix, name, retention } = resolveQueueOptions(options);
  const { concurrency = 4, attempts = 8, jobLockMs = 30_000, customerLockTtlMs = 30_000 } = options;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new RedisInputError('concurrency must be >= 1');
  if (!Number.isSafeInteger(attempts) || attempts < 1) throw new RedisInputError('attempts must be >= 1');
  requirePositiveMs('jobLockMs', jobLockMs);
  if (options.limiter) {
    if (!Number.isSafeInteger(options.limiter.max) || options.limiter.max < 1) {
      throw new RedisInputError('limiter.max must be >= 1');
    }
    requirePositiveMs('limiter.duration', options.limiter.duration);
  }
  const backoff = exponentialBackoff(options.backoff);
  const opened = openRedis(options.connection);
  const applied = new AppliedMarks(opened.redis, redisKeys(prefix), retention);
  const ownSerializer = options.serializer
    ? undefined
    : new RedisKeyedSerializer({ connection: opened.redis, prefix, ttlMs: customerLockTtlMs });
  const serializer = options.serializer ?? (ownSerializer as KeyedSerializer);

  async function apply(delivery: Delivery, job: Job<Delivery>): Promise<'synced' | 'stale'> {
    // Checked again here: a newer delivery may have been applied since this one was queued.
    if (applied.isStale(delivery, await applied.read(delivery))) return 'stale';
    try {
      await options.process(delivery);
    } catch (error) {
      if (job.attemptsMade + 1 < attempts) throw error;
      throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
    }
    await applied.advance(delivery);
    return 'synced';
  }

  const worker = new Worker<Delivery, 'synced' | 'stale'>(
    name,
    (job) => serializer.run(laneOf(job.data), () => apply(job.data, job)),
    {
      connection: opened.redis,
      prefix,
      concurrency,
      ...(options.limiter ? { limiter: options.limiter } : {}),
      lockDuration: jobLockMs,
      stalledInterval: jobLockMs,
      settings: {
        backoffStrategy: (attemptsMade, type) => (type === BACKOFF_TYPE ? backoff(attemptsMade) : 0),
      },
    },
  );
  const onError = options.onError ?? ((error: Error) => console.error(`mautic-woo worker: ${error.message}`));
  worker.on('error', onError);

  let closing: Promise<void> | undefined;
  const signals = options.shutdownSignals ?? ['SIGTERM', 'SIGINT'];
  const onSignal = (signal: NodeJS.Signals) => {
    close()
      .catch((error: unknown) => onError(error instanceof Error ? error : new Error(String(error))))
      .then(() => {
        // Nobody else listens: end the process as the signal would have without us.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
  };
  for (const signal of signals) process.once(signal, onSignal);

  function close(): Promise<void> {
    closing ??= (async () => {
      for (const signal of signals) process.off(signal, onSignal);
      await worker.close();
      await ownSerializer?.close();
      await opened.close();
    })();
    return closing;
  }

  return { ready: () => worker.waitUntilReady(), close };
}
