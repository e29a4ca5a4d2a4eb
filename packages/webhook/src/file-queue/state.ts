import { type Delivery, isOlder, resourceKey } from '../queue';
import type { CompactionItem, JournalRecord, Located } from './journal';

/** A delivery the queue holds, without its payload: that stays in the journal until it is processed. */
export interface Entry extends Omit<Delivery, 'payload'> {
  /** Where its `a` record (with the payload) is in the journal. */
  at: Located;
  attempts: number;
  lastError: string | null;
  failedAt: number | null;
}

/** One lane per customer (or per resource when there is no email): its deliveries run one at a time. */
export const laneOf = (entry: Entry): string => entry.customerKey ?? resourceKey(entry);

// Compaction writes remembered ids and dates in lines of this many.
const CHUNK = 1000;

function remember<V>(map: Map<string, V>, key: string, value: V, limit: number) {
  map.delete(key);
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value as string);
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Everything the queue knows, rebuilt from the journal on start by the same `apply` that keeps it
 * current. Records: `a` accepted (the delivery), `f` attempt failed, `s` synced, `k` skipped as
 * stale, `x` dead-lettered, `r` dead letter retried; compaction adds `seen` (delivery ids) and
 * `dates` (newest accepted and applied `modifiedAt` per resource). Ids and dates are remembered for
 * the newest `limit` deliveries and resources, so memory stays bounded.
 */
export class QueueState {
  readonly pending = new Map<string, Entry>();
  readonly dead = new Map<string, Entry>();
  readonly #seen = new Map<string, true>();
  readonly #accepted = new Map<string, string>();
  readonly #applied = new Map<string, string>();

  constructor(private readonly limit: number) {}

  /** Held (pending or dead) or among the newest remembered ids. */
  hasSeen(id: string): boolean {
    return this.#seen.has(id) || this.pending.has(id) || this.dead.has(id);
  }

  /** Older than a delivery of the same resource already accepted or applied. */
  isStale(delivery: Pick<Delivery, 'topic' | 'resourceId' | 'modifiedAt'>): boolean {
    return isOlder(delivery.modifiedAt, this.#accepted.get(resourceKey(delivery)) ?? null);
  }

  /** Older than what was already applied: applying it would set the contact back. */
  isStaleToApply(entry: Entry): boolean {
    return isOlder(entry.modifiedAt, this.#applied.get(resourceKey(entry)) ?? null);
  }

  #newest(map: Map<string, string>, key: string, modifiedAt: unknown) {
    if (typeof modifiedAt !== 'string') return;
    const known = map.get(key);
    if (known === undefined || !isOlder(modifiedAt, known)) remember(map, key, modifiedAt, this.limit);
  }

  apply(record: JournalRecord, at: Located): void {
    const id = record.id as string;
    switch (record.t) {
      case 'a': {
        const { payload: _payload, ...delivery } = record.d as Delivery;
        this.pending.set(delivery.id, { ...delivery, at, attempts: 0, lastError: null, failedAt: null });
        remember(this.#seen, delivery.id, true, this.limit);
        this.#newest(this.#accepted, resourceKey(delivery), delivery.modifiedAt);
        return;
      }
      case 'f':
      case 'x': {
        const entry = this.pending.get(id);
        if (!entry) return;
        Object.assign(entry, { attempts: record.n as number, lastError: record.e as string });
        if (record.t === 'x') {
          entry.failedAt = record.at as number;
          this.pending.delete(id);
          this.dead.set(id, entry);
        }
        return;
      }
      case 's':
      case 'k': {
        const entry = this.pending.get(id);
        this.pending.delete(id);
        if (entry && record.t === 's') this.#newest(this.#applied, resourceKey(entry), entry.modifiedAt);
        return;
      }
      case 'r': {
        const entry = this.dead.get(id);
        if (!entry) return;
        this.dead.delete(id);
        this.pending.set(id, { ...entry, attempts: 0, failedAt: null });
        return;
      }
      case 'seen':
        for (const seen of record.ids as string[]) remember(this.#seen, seen, true, this.limit);
        return;
      case 'dates':
        for (const [key, date] of record.accepted as Array<[string, string]>) this.#newest(this.#accepted, key, date);
        for (const [key, date] of record.applied as Array<[string, string]>) this.#newest(this.#applied, key, date);
        return;
    }
  }

  /** Bytes a compacted journal would take, roughly: the payloads kept plus what is remembered. */
  liveBytes(): number {
    let bytes = (this.#seen.size + this.#accepted.size + this.#applied.size) * 48;
    for (const entry of this.pending.values()) bytes += entry.at.length + 64;
    for (const entry of this.dead.values()) bytes += entry.at.length + 128;
    return bytes;
  }

  /** The records of a compacted journal; each kept delivery's place is updated once written. */
  snapshot(): CompactionItem[] {
    const items: CompactionItem[] = [];
    for (const ids of chunks([...this.#seen.keys()])) items.push({ record: { t: 'seen', ids } });
    const accepted = chunks([...this.#accepted]);
    const applied = chunks([...this.#applied]);
    for (let i = 0; i < Math.max(accepted.length, applied.length); i++) {
      items.push({ record: { t: 'dates', accepted: accepted[i] ?? [], applied: applied[i] ?? [] } });
    }
    for (const entry of [...this.pending.values(), ...this.dead.values()]) {
      items.push({ copy: entry.at, onWritten: (at) => Object.assign(entry, { at }) });
      if (entry.attempts > 0 || entry.failedAt !== null) {
        const t = entry.failedAt === null ? 'f' : 'x';
        items.push({ record: { t, id: entry.id, n: entry.attempts, e: entry.lastError, at: entry.failedAt } });
      }
    }
    return items;
  }
}
