import { type FileHandle, mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StepKey, StepLedger } from '@mautic-woo/sync';

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
  readonly #path: string;
  readonly #limit: number;
  readonly #entries = new Map<string, State>();
  #file: Promise<FileHandle> | undefined;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(path: string, options: { limit?: number } = {}) {
    this.#path = path;
    this.#limit = options.limit ?? 100_000;
  }

  #put(key: string, state: State | null): void {
    this.#entries.delete(key);
    if (state !== null) this.#entries.set(key, state);
    if (this.#entries.size > this.#limit) this.#entries.delete(this.#entries.keys().next().value as string);
  }

  #open(): Promise<FileHandle> {
    this.#file ??= (async () => {
      await mkdir(dirname(this.#path), { recursive: true });
      const text = await readFile(this.#path, 'utf8').catch(() => '');
      for (const raw of text.split('\n')) {
        let line: Line;
        try {
          line = JSON.parse(raw) as Line;
        } catch {
          continue; // a line torn by a crash was never acted on
        }
        // An unsettled claim from an earlier process: it may have been sent.
        this.#put(line.k, line.s === 'claimed' ? 'uncertain' : line.s);
      }
      const snapshot = [...this.#entries].map(([k, s]) => `${JSON.stringify({ k, s })}\n`).join('');
      await writeFile(`${this.#path}.tmp`, snapshot);
      await rename(`${this.#path}.tmp`, this.#path);
      return open(this.#path, 'a');
    })();
    return this.#file;
  }

  /** Appends and fsyncs one change, in call order. */
  #append(line: Line): Promise<void> {
    const write = this.#tail.then(async () => {
      const file = await this.#open();
      await file.write(`${JSON.stringify(line)}\n`);
      await file.datasync();
    });
    this.#tail = write.catch(() => undefined);
    return write;
  }

  async claim(key: StepKey, { ttlMs }: { ttlMs: number }): Promise<'claimed' | 'done' | 'uncertain' | 'pending'> {
    await this.#open();
    const k = keyOf(key);
    const entry = this.#entries.get(k);
    if (typeof entry === 'object') return entry.until > Date.now() ? 'pending' : 'uncertain';
    if (entry) return entry;
    const until = Date.now() + ttlMs;
    this.#put(k, { until });
    await this.#append({ k, s: 'claimed', u: until });
    return 'claimed';
  }

  async settle(key: StepKey, outcome: 'done' | 'uncertain' | null): Promise<void> {
    await this.#open();
    const k = keyOf(key);
    this.#put(k, outcome);
    await this.#append({ k, s: outcome });
  }

  async record(key: StepKey, state: 'done' | 'uncertain'): Promise<void> {
    await this.#open();
    const k = keyOf(key);
    if (this.#entries.get(k) === 'done') return;
    this.#put(k, state);
    await this.#append({ k, s: state });
  }

  async forget(orderIds: readonly number[]): Promise<void> {
    await this.#open();
    const prefixes = orderIds.map((id) => `${id}:`);
    for (const k of [...this.#entries.keys()]) {
      if (!prefixes.some((prefix) => k.startsWith(prefix))) continue;
      this.#put(k, null);
      await this.#append({ k, s: null });
    }
  }

  async close(): Promise<void> {
    await this.#tail;
    if (this.#file) await (await this.#file).close();
  }
}
