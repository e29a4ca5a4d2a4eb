import { Queue } from 'bullmq';
import { AppliedMarks, resourceOf } from './applied';
import { openRedis } from './connection';
import type { Delivery, DeliveryQueue, EnqueueResult } from './delivery';
import { IdleWatcher } from './idle-watcher';
import { redisKeys } from './keys';
import { type RedisQueueBaseOptions, resolveQueueOptions } from './queue-options';
import { validateDelivery } from './validate-delivery';

export type RedisQueueOptions = RedisQueueBaseOptions;

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  /** Dead letters: deliveries that used up their attempts. */
  failed: number;
}

/** A dead letter as `mautic-woo queue status` shows it: no payload, no customer. */
export interface DeadLetter {
  id: string;
  topic: string;
  resourceId: number;
  attempts: number;
  reason: string;
  failedAt: number | null;
}

export interface RedisDeliveryQueue extends DeliveryQueue {
  counts(): Promise<QueueCounts>;
  listDeadLetters(limit?: number): Promise<DeadLetter[]>;
  /** Sends every dead letter back to the queue with fresh attempts; resolves to how many. */
  retryDeadLetters(): Promise<number>;
}

// The worker, not the handler, decides how often a delivery is tried (see worker.ts): jobs carry
// a ceiling it never reaches and a backoff type only its strategy knows.
const JOB_ATTEMPTS_CEILING = 1_000_000;
export const BACKOFF_TYPE = 'mautic-woo';

/** BullMQ refuses integer ids and ids with ':'; the mapping stays one-to-one. */
const jobIdOf = (deliveryId: string) => `wc-${encodeURIComponent(deliveryId)}`;

/**
 * Webhook handlers enqueue here; workers (createRedisWorker) sync. One job per delivery id: a
 * redelivery answers `duplicate`, a delivery older than the one applied for its resource `stale`.
 */
export function createRedisQueue(options: RedisQueueOptions): RedisDeliveryQueue {
  const { prefix, name, retention } = resolveQueueOptions(options);
  const opened = openRedis(options.connection);
  const { redis } = opened;
  const keys = redisKeys(prefix);
  const applied = new AppliedMarks(redis, keys, retention);
  const queue = new Queue<Delivery>(name, { connection: redis, prefix });
  const idle = new IdleWatcher(queue, redis, prefix);

  return {
    async enqueue(delivery) {
      validateDelivery(delivery);
      const seenKey = keys.seen(delivery.id);
      const [seen, appliedAt] = await redis.mget(seenKey, keys.applied(resourceOf(delivery)));
      if (seen !== null) return 'duplicate';
      if (applied.isStale(delivery, appliedAt ?? null)) return 'stale';
      // Adding an id BullMQ already holds is a no-op, and the mark below is set once: two handlers
      // racing on one redelivery make one job, and exactly one of them answers 'accepted'. A crash
      // between the two steps leaves a job without a mark; its redelivery then answers 'accepted'
      // and still makes no second job.
      await queue.add(delivery.topic, delivery, {
        jobId: jobIdOf(delivery.id),
        attempts: JOB_ATTEMPTS_CEILING,
        backoff: { type: BACKOFF_TYPE },
        removeOnComplete: { count: 1000 },
        removeOnFail: false,
      });
      const first =
        retention === '' ? await redis.set(seenKey, '1', 'NX') : await redis.set(seenKey, '1', 'PX', retention, 'NX');
      return (first === 'OK' ? 'accepted' : 'duplicate') satisfies EnqueueResult;
    },

    whenIdle: () => idle.whenIdle(),

    async counts() {
      const c = await queue.getJobCounts('wait', 'prioritized', 'active', 'delayed', 'completed', 'failed');
      return {
        waiting: (c.wait ?? 0) + (c.prioritized ?? 0),
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        completed: c.completed ?? 0,
        failed: c.failed ?? 0,
      };
    },

    async listDeadLetters(limit = 100) {
      const jobs = await queue.getFailed(0, Math.max(0, limit - 1));
      return jobs.map((job) => ({
        id: job.data.id,
        topic: job.data.topic,
        resourceId: job.data.resourceId,
        attempts: job.attemptsMade,
        reason: job.failedReason,
        failedAt: job.finishedOn ?? null,
      }));
    },

    async retryDeadLetters() {
      let retried = 0;
      for (;;) {
        const jobs = await queue.getFailed(0, 99);
        if (jobs.length === 0) return retried;
        for (const job of jobs) {
          await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
          retried++;
        }
      }
    },

    async close() {
      await idle.close();
      await queue.close();
      await opened.close();
    },
  };
}
