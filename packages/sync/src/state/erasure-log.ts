/**
 * Erasure tombstones: when a customer was erased, by a hash of their email (never the email
 * itself: the point of erasure is not to keep it). A webhook that arrives after the erasure for an
 * order or profile dated before it is skipped, so a late or redelivered delivery cannot bring the
 * old contact and its notes back; anything dated after it (the customer came back) syncs as new.
 * Several processes must share one (a Redis hash, a database table) for the rule to hold across them.
 */
export interface ErasureLog {
  /** Records an erasure at `erasedAt` (epoch ms); a later erasure of the same email moves it on. */
  record(emailHash: string, erasedAt: number): Promise<void>;
  /** When this email was last erased (epoch ms), or undefined. */
  erasedAt(emailHash: string): Promise<number | undefined>;
}

/** The in-process log: bounded, oldest entries go first. */
export class MemoryErasureLog implements ErasureLog {
  readonly #entries = new Map<string, number>();

  constructor(private readonly limit = 100_000) {}

  async record(emailHash: string, erasedAt: number): Promise<void> {
    // A record arriving late for an older erasure must not undo a newer one (as on Redis and on file).
    const current = this.#entries.get(emailHash);
    if (current !== undefined && current >= erasedAt) return;
    this.#entries.delete(emailHash);
    this.#entries.set(emailHash, erasedAt);
    if (this.#entries.size > this.limit) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  async erasedAt(emailHash: string): Promise<number | undefined> {
    return this.#entries.get(emailHash);
  }
}

/** SHA-256 of the normalised email, hex: Web Crypto, so it runs on Node, Bun, Deno and edge runtimes. */
export async function emailHash(email: string): Promise<string> {
  const bytes = new TextEncoder().encode(email.trim().toLowerCase());
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
