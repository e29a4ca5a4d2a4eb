import { createRedisQueue } from '@mautic-woo/redis';
import { createFileQueue, DEFAULT_QUEUE_DIR, type DeliveryProcessor } from '@mautic-woo/webhook';
import { UsageError } from './usage';

export interface QueueAdmin {
  /** Counts by state, named as the queue names them. */
  counts(): Promise<Record<string, number>>;
  /** Dead letters without payloads or customers: id, topic, order, attempts, last error. */
  deadLetters(): Promise<Array<{ id: string; topic: string; resourceId: number; attempts: number; error: string }>>;
  retry(): Promise<number>;
  close(): Promise<void>;
}

// Opening the journal starts applying what is in it; this process must not sync, so every
// delivery it starts waits until close() aborts it, which leaves it in the journal untouched.
const holdUntilClosed: DeliveryProcessor = (_delivery, context) =>
  new Promise((_resolve, reject) => {
    context?.signal?.addEventListener('abort', () => reject(new Error('queue admin closed')), { once: true });
  });

export function openQueueAdmin(options: { redisUrl?: string; prefix?: string; queueDir?: string }): QueueAdmin {
  if (options.redisUrl) {
    const queue = createRedisQueue({ connection: options.redisUrl, prefix: options.prefix });
    return {
      counts: async () => ({ ...(await queue.counts()) }),
      deadLetters: async () =>
        (await queue.listDeadLetters(1000)).map(({ id, topic, resourceId, attempts, reason }) => ({
          ...{ id, topic, resourceId, attempts, error: reason },
        })),
      retry: () => queue.retryDeadLetters(),
      close: () => queue.close(),
    };
  }
  const queue = createFileQueue({ dir: options.queueDir ?? DEFAULT_QUEUE_DIR, process: holdUntilClosed });
  return {
    async counts() {
      const { waiting, active, retrying, dead } = await queue.counts();
      // "active" here are only the ones held above: nothing is being applied.
      return { waiting: waiting + active, retrying, dead };
    },
    deadLetters: async () =>
      (await queue.listDeadLetters()).map(({ id, topic, resourceId, attempts, error }) => ({
        ...{ id, topic, resourceId, attempts, error: error ?? '' },
      })),
    retry: () => queue.retryDeadLetters(),
    close: () => queue.close(),
  };
}

export async function runQueue(
  action: string,
  options: { redisUrl?: string; prefix?: string; queueDir?: string },
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  if (action !== 'status' && action !== 'retry') {
    throw new UsageError(`queue takes "status" or "retry", got "${action}"`);
  }
  const admin = openQueueAdmin(options);
  try {
    const where = options.redisUrl ? 'redis' : (options.queueDir ?? DEFAULT_QUEUE_DIR);
    if (action === 'retry') {
      out(`retried ${await admin.retry()} dead letter(s) (${where})`);
      return 0;
    }
    const counts = await admin.counts();
    out(
      `queue (${where}): ${Object.entries(counts)
        .map(([state, n]) => `${n} ${state}`)
        .join(', ')}`,
    );
    for (const dead of await admin.deadLetters()) {
      out(`dead ${dead.id} ${dead.topic} ${dead.resourceId} after ${dead.attempts} attempt(s): ${dead.error}`);
    }
    return 0;
  } finally {
    await admin.close();
  }
}
