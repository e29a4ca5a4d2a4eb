import { createRedisQueue } from '@mautic-woo/redis';
import {
  createFileQueue,
  DEFAULT_QUEUE_DIR,
  type DeliveryProcessor,
  type FileQueue,
  readFileQueue,
} from '@mautic-woo/webhook';
import { UsageError } from './usage';

type DeadLetterLine = { id: string; topic: string; resourceId: number; attempts: number; error: string };

export interface QueueAdmin {
  /** Counts by state, named as the queue names them, and the dead letters without payloads or customers. */
  status(): Promise<{ counts: Record<string, number>; deadLetters: DeadLetterLine[] }>;
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
      status: async () => ({
        counts: { ...(await queue.counts()) },
        deadLetters: (await queue.listDeadLetters(1000)).map(({ id, topic, resourceId, attempts, reason }) => ({
          ...{ id, topic, resourceId, attempts, error: reason },
        })),
      }),
      retry: () => queue.retryDeadLetters(),
      close: () => queue.close(),
    };
  }
  const dir = options.queueDir ?? DEFAULT_QUEUE_DIR;
  let opened: FileQueue | undefined;
  return {
    // Read from the journal without its lock: works while `serve` runs on the directory.
    async status() {
      const { counts, deadLetters } = await readFileQueue(dir);
      return {
        counts: { waiting: counts.waiting, retrying: counts.retrying, dead: counts.dead },
        deadLetters: deadLetters.map(({ id, topic, resourceId, attempts, error }) => ({
          ...{ id, topic, resourceId, attempts, error: error ?? '' },
        })),
      };
    },
    // Writes to the journal, so it needs the directory: not while `serve` holds it.
    async retry() {
      opened = createFileQueue({ dir, process: holdUntilClosed });
      return opened.retryDeadLetters();
    },
    close: async () => opened?.close(),
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
    const { counts, deadLetters } = await admin.status();
    out(
      `queue (${where}): ${Object.entries(counts)
        .map(([state, n]) => `${n} ${state}`)
        .join(', ')}`,
    );
    for (const dead of deadLetters) {
      out(`dead ${dead.id} ${dead.topic} ${dead.resourceId} after ${dead.attempts} attempt(s): ${dead.error}`);
    }
    return 0;
  } finally {
    await admin.close();
  }
}
