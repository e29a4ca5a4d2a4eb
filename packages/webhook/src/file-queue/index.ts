import { mkdir } from 'node:fs/promises';
import { quietLogger } from '../options';
import type { Delivery, EnqueueResult } from '../queue';
import { Journal, type JournalRecord } from './journal';
import { lockDirectory } from './lock';
import type { DeadLetter, FileQueue, FileQueueOptions, QueueCounts } from './options';
import { resolveFileQueueOptions } from './options';
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
  const lanes = new Map<string, string[]>();
  const activeLanes = new Set<string>();
  const activeIds = new Set<string>();
  const running = new Set<Promise<void>>();
  const notBefore = new Map<string, number>();
  const reserved = new Set<string>();
  const idleWaiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  const abort = new AbortController();
  let journal: Journal | undefined;
  let unlock: (() => Promise<void>) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closing: Promise<void> | undefined;
  let compacting = false;

  const write = (record: JournalRecord) => (journal as Journal).append(record, (at) => state.apply(record, at));

  const enlane = (entry: Entry) => {
    const lane = laneOf(entry);
    const ids = lanes.get(lane);
    if (ids) ids.push(entry.id);
    else lanes.set(lane, [entry.id]);
  };
  const leaveLane = (entry: Entry) => {
    const lane = laneOf(entry);
    const ids = (lanes.get(lane) ?? []).filter((id) => id !== entry.id);
    notBefore.delete(entry.id);
    // Back of the line, so one busy customer does not keep the others waiting.
    lanes.delete(lane);
    if (ids.length > 0) lanes.set(lane, ids);
  };

  const isIdle = () => state.pending.size === 0 && reserved.size === 0;
  const checkIdle = () => {
    if (isIdle()) for (const waiter of idleWaiters.splice(0)) waiter.resolve();
  };

  const compactIfWorthIt = async () => {
    const size = journal?.size ?? 0;
    if (compacting || closing || size < settings.compactAtBytes || size < 2 * state.liveBytes()) return;
    compacting = true;
    try {
      await journal?.compact(() => state.snapshot());
      log.debug(`file queue: journal compacted from ${size} to ${journal?.size} bytes`);
    } catch (error) {
      log.error(`file queue: compaction failed, journal left as it was: ${(error as Error).message}`);
    } finally {
      compacting = false;
    }
  };

  const applyOne = async (entry: Entry) => {
    const { id } = entry;
    if (state.isStaleToApply(entry)) {
      await write({ t: 'k', id });
      log.info(`file queue: delivery ${id} skipped, a newer one of ${entry.topic} ${entry.resourceId} was applied`);
      return leaveLane(entry);
    }
    const record = await (journal as Journal).read(() => entry.at);
    if (closing) return;
    const { at: _at, attempts: _n, lastError: _e, failedAt: _f, ...fields } = entry;
    const delivery: Delivery = { ...fields, payload: (record.d as Delivery).payload };
    try {
      await settings.process(delivery, { signal: abort.signal });
    } catch (error) {
      // Aborted by close(): not an attempt; the delivery is replayed on the next start.
      if (closing) return;
      const attempts = entry.attempts + 1;
      const e = describe(error, entry);
      if ((error as Error)?.name === 'PermanentDeliveryError' || attempts >= maxAttempts) {
        await write({ t: 'x', id, n: attempts, e, at: Date.now() });
        log.warn(`file queue: delivery ${id} dead-lettered after ${attempts} attempt(s): ${e}`);
        return leaveLane(entry);
      }
      await write({ t: 'f', id, n: attempts, e });
      notBefore.set(id, Date.now() + delay(attempts));
      log.info(`file queue: delivery ${id} failed (attempt ${attempts} of ${maxAttempts}): ${e}`);
      return;
    }
    await write({ t: 's', id });
    leaveLane(entry);
  };

  const start = (lane: string, entry: Entry) => {
    activeLanes.add(lane);
    activeIds.add(entry.id);
    const run = applyOne(entry)
      .catch((error: unknown) => {
        // The journal could not record the outcome: try again later rather than at once.
        log.error(`file queue: delivery ${entry.id}: ${(error as Error).message}`);
        notBefore.set(entry.id, Date.now() + delay(1));
      })
      .finally(() => {
        activeLanes.delete(lane);
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
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const [lane, ids] of lanes) {
      if (activeLanes.size >= concurrency) break;
      const entry = state.pending.get(ids[0] as string);
      if (activeLanes.has(lane) || !entry) continue;
      const due = notBefore.get(entry.id) ?? 0;
      if (due > now) next = Math.min(next, due);
      else start(lane, entry);
    }
    if (next < Number.POSITIVE_INFINITY) timer = setTimeout(pump, next - now);
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
      return [...state.dead.values()].map(
        ({ id, topic, resourceId, modifiedAt, receivedAt, attempts, lastError, failedAt }) => ({
          ...{ id, topic, resourceId, modifiedAt, receivedAt, attempts, error: lastError, failedAt },
        }),
      );
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
