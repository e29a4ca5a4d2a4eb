import { type Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';

// After these, the queue may have become idle.
const SETTLING_EVENTS = ['completed', 'failed', 'drained', 'removed'] as const;

/**
 * `whenIdle()`: resolves once nothing is waiting, delayed or running (dead letters do not count).
 * BullMQ's events say when to count again; a timer covers an event trimmed from the stream.
 */
export class IdleWatcher {
  #events: { bus: QueueEvents; redis: Redis } | undefined;

  constructor(
    private readonly queue: Queue,
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async whenIdle(): Promise<void> {
    if ((await this.#pending()) === 0) return;
    const { bus } = this.#subscribe();
    await new Promise<void>((resolve, reject) => {
      // One count at a time: a burst of completions asks once more, not once each.
      let counting = false;
      let askedAgain = false;
      const check = () => {
        if (counting) {
          askedAgain = true;
          return;
        }
        counting = true;
        this.#pending().then((n) => {
          counting = false;
          if (n === 0) finish();
          else if (askedAgain) {
            askedAgain = false;
            check();
          }
        }, fail);
      };
      const timer = setInterval(check, 1000);
      const finish = () => {
        clearInterval(timer);
        for (const e of SETTLING_EVENTS) bus.off(e, check);
        resolve();
      };
      const fail = (error: unknown) => {
        finish();
        reject(error);
      };
      for (const e of SETTLING_EVENTS) bus.on(e, check);
      check();
    });
  }

  async close(): Promise<void> {
    await this.#events?.bus.close();
    await this.#events?.redis.quit();
  }

  async #pending(): Promise<number> {
    const counts = await this.queue.getJobCounts('wait', 'prioritized', 'active', 'delayed');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }

  #subscribe() {
    if (!this.#events) {
      // QueueEvents blocks its connection on XREAD; it gets one of its own.
      const redis = this.redis.duplicate();
      this.#events = { bus: new QueueEvents(this.queue.name, { connection: redis, prefix: this.prefix }), redis };
    }
    return this.#events;
  }
}
