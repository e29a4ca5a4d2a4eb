import { mkdir } from 'node:fs/promises';
import { quietLogger } from '../options';
import type { Delivery, EnqueueResult } from '../queue';
import { Journal, type JournalRecord } from './journal';
import { Lanes } from './lanes';
import { lockDirectory } from './lock';
import type { DeadLetter, FileQueue, FileQueueOptions, QueueCounts } from './options';
import { DEFAULT_REMEMBER, resolveFileQueueOptions } from './options';
import { type Entry, laneOf, QueueState } from './state';

export { FileQueueLockedError } from './lock';
export * from './options';

const JOURNAL = 'journal.ndjson';

/** `Name: message`, short, with the customer's email taken out (dead letters are listed and logged). */
function describe(error: unknown, entry: Entry): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const scrubbed = entry.customerKey ? text.split(entry.customerKey).join('<email>') : text;
  return scrubbed.slice(0, 500);
}

function deadLetterOf({
  id,
  topic,
  resourceId,
  modifiedAt,
  receivedAt,
  attempts,
  lastError,
  failedAt,
}: Entry): DeadLetter {
  return { id, topic, resourceId, modifiedAt, receivedAt, attempts, error: lastError, failedAt };
}

/**
 * What the queue in `dir` holds, read from its journal without its lock and without changing it,
 * so it works while the queue's own process runs (`mautic-woo queue status` beside `serve`). A
 * snapshot as of the last fsync; which deliveries are being applied at that moment is not in the
 * journal, so `active` is 0 and they count as waiting or retrying.
 */
export async function readFileQueue(dir: string): Promise<{ counts: QueueCounts; deadLetters: DeadLetter[] }> {
  const state = new QueueState(DEFAULT_REMEMBER);
  await Journal.read(
    dir,
    JOURNAL,
    (record, at) => state.apply(record, at),
    () => {},
  );
  const counts = { waiting: 0, active: 0, retrying: 0, dead: state.dead.size };
  for (const entry of state.pending.values()) {
    if (entry.attempts > 0) counts.retrying++;
    else counts.waiting++;
  }
  return { counts, deadLetters: [...state.dead.values()].map(deadLetterOf) };
}

/**
 * The embedded durable queue: an append-only journal in `dir`, fsynced before `enqueue` resolves,
 * replayed on start, compacted as it grows. One customer's deliveries are applied one at a time, in
 * the order they were accepted; failures are retried with backoff, then kept as dead letters.
 * Payloads wait on disk, not in memory. One process per directory (a lock file enforces it).
 */
export function createFileQueue(options: FileQueueOptions): FileQueue {
  const settings = resolveFileQueueOptions(options);
  const { dir, concurrency, maxAttempts, delay } = settings;
  const log = quietLogger(options.logger);
  const state = new QueueState(settings.remember);
  const lanes = new Lanes();
  const activeIds = new Set<string>();
  const running = new Set<Promise<void>>();
  const reserved = new Set<string>();
  const idleWaiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  const abort = new AbortController();
  let journal: Journal | undefined;
  let unlock: (() => Promise<void>) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closing: Promise<void> | undefined;
  let compacting = false;

  const write = (record: JournalRecord) => (journal as Journal).append(record, (at) => state.apply(record, at));

  const enlane = (entry: Entry) => lanes.push(laneOf(entry), entry.id);

  const isIdle = () => state.pending.size === 0 && reserved.size === 0;
  const checkIdle = () => {
    if (isIdle()) for (const waiter of idleWaiters.splice(0)) waiter.resolve();
  };

  // liveBytes() walks every held delivery: look again only after the journal grew by a quarter.
  let checkAt = settings.compactAtBytes;
  const compactIfWorthIt = async () => {
    const size = journal?.size ?? 0;
    if (compacting || closing || size < checkAt) return;
    checkAt = size + settings.compactAtBytes / 4;
    if (size < 2 * state.liveBytes()) return;
    compacting = true;
    try {
      await journal?.compact(() => state.snapshot());
      log.debug(`file queue: journal compacted from ${size} to ${journal?.size} bytes`);
      checkAt = Math.max(settings.compactAtBytes, (journal?.size ?? 0) + settings.compactAtBytes / 4);
    } catch (error) {
      log.error(`file queue: compaction failed, journal left as it was: ${(error as Error).message}`);
    } finally {
      compacting = false;
    }
  };

  type Outcome = Parameters<Lanes['finish']>[1];
  const done: Outcome = { done: true };

  const applyOne = async (entry: Entry): Promise<Outcome> => {
    const { id } = entry;
    if (state.isStaleToApply(entry)) {
      await write({ t: 'k', id });
      log.info(`file queue: delivery ${id} skipped, a newer one of ${entry.topic} ${entry.resourceId} was applied`);
      return done;
    }
    const record = await (journal as Journal).read(() => entry.at);
    if (closing) return done;
    const { at: _at, attempts: _n, lastError: _e, failedAt: _f, ...fields } = entry;
    const delivery: Delivery = { ...fields, payload: (record.d as Delivery).payload };
    try {
      await settings.process(delivery, { signal: abort.signal });
    } catch (error) {
      // Aborted by close(): not an attempt; the delivery stays in the journal for the next start.
      if (closing) return done;
      const attempts = entry.attempts + 1;
      const e = describe(error, entry);
      if ((error as Error)?.name === 'PermanentDeliveryError' || attempts >= maxAttempts) {
        await write({ t: 'x', id, n: attempts, e, at: Date.now() });
        log.warn(`file queue: delivery ${id} dead-lettered after ${attempts} attempt(s): ${e}`);
        return done;
      }
      await write({ t: 'f', id, n: attempts, e });
      log.info(`file queue: delivery ${id} failed (attempt ${attempts} of ${maxAttempts}): ${e}`);
      return { retryAt: Date.now() + delay(attempts) };
    }
    await write({ t: 's', id });
    return done;
  };

  const start = (lane: string, entry: Entry) => {
    activeIds.add(entry.id);
    const run = applyOne(entry)
      .catch((error: unknown): Outcome => {
        // The journal could not record the outcome: try again later rather than at once.
        log.error(`file queue: delivery ${entry.id}: ${(error as Error).message}`);
        return { retryAt: Date.now() + delay(1) };
      })
      .then((outcome) => lanes.finish(lane, outcome))
      .finally(() => {
        activeIds.delete(entry.id);
        running.delete(run);
        void compactIfWorthIt();
        pump();
      });
    running.add(run);
  };

  function pump() {
    if (closing || !journal) return;
    clearTimeout(timer);
    timer = undefined;
    const nextDue = lanes.promote(Date.now());
    while (lanes.activeCount < concurrency) {
      const next = lanes.take();
      if (!next) break;
      const entry = state.pending.get(next.id);
      if (entry) start(next.lane, entry);
      else lanes.finish(next.lane, done);
    }
    if (nextDue !== undefined) timer = setTimeout(pump, Math.max(0, nextDue - Date.now()));
    checkIdle();
  }

  const opened = (async () => {
    await mkdir(dir, { recursive: true });
    unlock = await lockDirectory(dir);
    try {
      journal = await Journal.open(
        dir,
        JOURNAL,
        (record, at) => state.apply(record, at),
        (offset) => log.warn(`file queue: unreadable journal record at byte ${offset} skipped`),
      );
    } catch (error) {
      await unlock();
      throw error;
    }
    for (const entry of state.pending.values()) enlane(entry);
    if (state.pending.size > 0) log.info(`file queue: ${state.pending.size} deliveries to apply from the journal`);
    await compactIfWorthIt();
    pump();
  })();
  opened.catch((error: Error) => log.error(`file queue: cannot open ${dir}: ${error.message}`));

  const ready = async () => {
    await opened;
    if (closing) throw new Error('the queue is closed');
  };

  return {
    ready,
    async enqueue(delivery): Promise<EnqueueResult> {
      await ready();
      if (state.hasSeen(delivery.id) || reserved.has(delivery.id)) return 'duplicate';
      if (state.isStale(delivery)) return 'stale';
      reserved.add(delivery.id);
      try {
        await write({ t: 'a', d: delivery });
      } finally {
        reserved.delete(delivery.id);
      }
      const entry = state.pending.get(delivery.id);
      if (entry) enlane(entry);
      pump();
      return 'accepted';
    },
    async whenIdle() {
      await opened;
      if (isIdle()) return;
      await new Promise<void>((resolve, reject) => idleWaiters.push({ resolve, reject }));
    },
    async counts(): Promise<QueueCounts> {
      await opened;
      const counts = { waiting: 0, active: 0, retrying: 0, dead: state.dead.size };
      for (const entry of state.pending.values()) {
        if (activeIds.has(entry.id)) counts.active++;
        else if (entry.attempts > 0) counts.retrying++;
        else counts.waiting++;
      }
      return counts;
    },
    async listDeadLetters(): Promise<DeadLetter[]> {
      await opened;
      return [...state.dead.values()].map(deadLetterOf);
    },
    async retryDeadLetters(ids) {
      await ready();
      const chosen = (ids ?? [...state.dead.keys()]).filter((id) => state.dead.has(id));
      await Promise.all(chosen.map((id) => write({ t: 'r', id })));
      for (const id of chosen) {
        const entry = state.pending.get(id);
        if (entry) enlane(entry);
      }
      pump();
      return chosen.length;
    },
    close() {
      closing ??= (async () => {
        clearTimeout(timer);
        abort.abort();
        try {
          await opened;
        } catch {
          return;
        }
        while (running.size > 0) await Promise.allSettled([...running]);
        await journal?.close();
        await unlock?.();
        const left = new Error('the queue closed before it was idle; what is left is applied on the next start');
        for (const waiter of idleWaiters.splice(0)) waiter.reject(left);
      })();
      return closing;
    },
  };
}
