import type { StepKey, StepLedger } from '@mautic-woo/sync';
import { StateFile } from './state-file';

type State = 'done' | 'uncertain' | { until: number };
type Line = { k: string; s: 'done' | 'uncertain' | 'claimed' | null; u?: number };

const keyOf = ({ orderId, status, step }: StepKey) => `${orderId}:${status}:${step}`;

/**
 * The record of sent notes and emails in a file next to the embedded queue's journal, so a note or
 * email sent just before a crash is not sent again when the journal replays its delivery (the
 * sync client's default ledger lives in memory and starts empty). Every claim and settlement is
 * appended and fsynced before the send goes out or the next step starts. It belongs to one process,
 * as the queue directory does: a claim found unsettled on open was its dead predecessor's, so it reads
 * as `uncertain` (may have happened; not resent) at once. The newest `limit` steps are kept; the
 * file is rewritten compactly when opened.
 */
export class FileStepLedger implements StepLedger {
  readonly #limit: number;
  readonly #entries = new Map<string, State>();
  readonly #file: StateFile<Line>;

  constructor(path: string, options: { limit?: number } = {}) {
    this.#limit = options.limit ?? 100_000;
    this.#file = new StateFile<Line>(path, {
      // An unsettled claim from an earlier process: it may have been sent.
      replay: (line) => this.#put(line.k, line.s === 'claimed' ? 'uncertain' : line.s),
      // Nothing is claimed before open: a claim here could only be a dead process's.
      snapshot: () => [...this.#entries].map(([k, s]): Line => ({ k, s: typeof s === 'object' ? 'uncertain' : s })),
    });
  }

  #put(key: string, state: State | null): void {
    this.#entries.delete(key);
    if (state !== null) this.#entries.set(key, state);
    if (this.#entries.size > this.#limit) this.#entries.delete(this.#entries.keys().next().value as string);
  }

  async claim(key: StepKey, { ttlMs }: { ttlMs: number }): Promise<'claimed' | 'done' | 'uncertain' | 'pending'> {
    await this.#file.open();
    const k = keyOf(key);
    const entry = this.#entries.get(k);
    if (typeof entry === 'object') return entry.until > Date.now() ? 'pending' : 'uncertain';
    if (entry) return entry;
    const until = Date.now() + ttlMs;
    this.#put(k, { until });
    await this.#file.append({ k, s: 'claimed', u: until });
    return 'claimed';
  }

  async settle(key: StepKey, outcome: 'done' | 'uncertain' | null): Promise<void> {
    await this.#file.open();
    const k = keyOf(key);
    this.#put(k, outcome);
    await this.#file.append({ k, s: outcome });
  }

  async record(key: StepKey, state: 'done' | 'uncertain'): Promise<void> {
    await this.#file.open();
    const k = keyOf(key);
    if (this.#entries.get(k) === 'done') return;
    this.#put(k, state);
    await this.#file.append({ k, s: state });
  }

  async forget(orderIds: readonly number[]): Promise<void> {
    await this.#file.open();
    const prefixes = orderIds.map((id) => `${id}:`);
    for (const k of [...this.#entries.keys()]) {
      if (!prefixes.some((prefix) => k.startsWith(prefix))) continue;
      this.#put(k, null);
      await this.#file.append({ k, s: null });
    }
  }

  close(): Promise<void> {
    return this.#file.close();
  }
}
