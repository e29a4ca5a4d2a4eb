import { createRedisWorker, RedisCustomerDirectory } from '@mautic-woo/redis';
import type { SyncOrderOptions } from '@mautic-woo/sync';
import { createDeliveryProcessor } from '@mautic-woo/webhook';
import { logSynced } from './delivery-log';
import type { MauticTarget } from './env-config';
import { sharedClient } from './redis-state';

export interface WorkerOptions {
  target: MauticTarget;
  redisUrl: string;
  prefix?: string | undefined;
  concurrency?: number | undefined;
  /** Per Mautic request (default 30 s); a note or email claimed by a crashed worker reads as "may have happened" after 6× this, at least a minute. */
  timeoutMs?: number | undefined;
  syncOptions?: Omit<SyncOrderOptions, 'signal'>;
  /** One line per synced delivery: its id, topic and order id, never the customer. */
  log?: (line: string) => void;
}

export interface RunningWorker {
  ready(): Promise<void>;
  /** Stops taking jobs, waits for the running ones, closes every connection. */
  close(): Promise<void>;
}

/**
 * A BullMQ worker that syncs what `mautic-woo serve --redis` enqueued, with the sync client's
 * state on the same Redis. SIGTERM and SIGINT close it gracefully (the running syncs finish).
 */
export function startWorker(options: WorkerOptions): RunningWorker {
  const shared = sharedClient(options.target, options.redisUrl, options.prefix, { timeoutMs: options.timeoutMs });
  // customer.deleted carries only the id: the email one worker learnt must reach whichever takes it.
  const customerDirectory = new RedisCustomerDirectory({ connection: options.redisUrl, prefix: options.prefix });
  const sync = createDeliveryProcessor(shared.client, { ...options.syncOptions, customerDirectory });
  const log = options.log ?? (() => {});
  const worker = createRedisWorker({
    connection: options.redisUrl,
    prefix: options.prefix,
    concurrency: options.concurrency,
    serializer: shared.serializer,
    process: logSynced(sync, log),
    // Our own listener: the shared state is closed before the process ends.
    shutdownSignals: [],
  });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await worker.close();
      await Promise.all([shared.close(), customerDirectory.close()]);
    })();
    return closing;
  };
  return { ready: () => worker.ready(), close };
}
