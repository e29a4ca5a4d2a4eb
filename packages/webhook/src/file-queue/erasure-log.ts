import type { ErasureLog } from '@mautic-woo/sync';
import { MauticInvalidInputError } from '@mautic-woo/sync';
import { requireLimit } from '../customer-directory';
import { StateFile } from './state-file';

type Line = { h: string; t: number };

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Erasure tombstones in a file next to the embedded queue's journal, so a customer erased before a
 * restart stays erased after it: the journal replays deliveries accepted before the erasure, and
 * the sync client's default log lives in memory and starts empty. Each erasure is appended and
 * fsynced before `record` resolves (the sync deletes the contact only after that). A time never
 * moves back: an older erasure recorded late leaves the newer one. Only the email's hash is written.
 * It belongs to one process, as the queue directory does. The newest `limit` erasures are kept
 * (default 100,000; the oldest go first); the file is rewritten compactly when opened.
 */
export class FileErasureLog implements ErasureLog {
  readonly #limit: number;
  readonly #entries = new Map<string, number>();
  readonly #file: StateFile<Line>;

  constructor(path: string, options: { limit?: number } = {}) {
    this.#limit = requireLimit(options.limit ?? 100_000);
    this.#file = new StateFile<Line>(path, {
      replay: (line) => {
        if (SHA256_HEX.test(line?.h) && Number.isSafeInteger(line.t)) this.#put(line.h, line.t);
      },
      snapshot: () => [...this.#entries].map(([h, t]) => ({ h, t })),
    });
  }

  /** True when it moved the time on. */
  #put(emailHash: string, erasedAt: number): boolean {
    const current = this.#entries.get(emailHash);
    if (current !== undefined && current >= erasedAt) return false;
    this.#entries.delete(emailHash);
    this.#entries.set(emailHash, erasedAt);
    if (this.#entries.size > this.#limit) this.#entries.delete(this.#entries.keys().next().value as string);
    return true;
  }

  async record(emailHash: string, erasedAt: number): Promise<void> {
    requireHash(emailHash);
    if (!Number.isSafeInteger(erasedAt) || erasedAt < 0)
      throw new MauticInvalidInputError('erasedAt must be epoch ms', 'erasedAt');
    await this.#file.open();
    if (this.#put(emailHash, erasedAt)) await this.#file.append({ h: emailHash, t: erasedAt });
  }

  async erasedAt(emailHash: string): Promise<number | undefined> {
    requireHash(emailHash);
    await this.#file.open();
    return this.#entries.get(emailHash);
  }

  close(): Promise<void> {
    return this.#file.close();
  }
}

// Never echo the value: a caller passing the email by mistake must not see it in a log.
function requireHash(emailHash: string): void {
  if (typeof emailHash !== 'string' || !SHA256_HEX.test(emailHash)) {
    throw new MauticInvalidInputError(
      'emailHash must be the SHA-256 hex of the email (emailHash() of @mautic-woo/sync)',
      'emailHash',
    );
  }
}
