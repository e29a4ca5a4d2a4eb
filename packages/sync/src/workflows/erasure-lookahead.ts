import { emailHash } from '../state/erasure-log';
import type { WorkflowResources } from './resources';
import { customerKey } from './resources';

/**
 * The erasure times batch mode checks every order against, looked up ahead of the order that needs
 * them. A lookup is a SHA-256 (Web Crypto, ~50 µs a call when awaited one by one) and, with a shared
 * ErasureLog, a Redis or database round trip: one per order in input order would cost a 10,000-order
 * backfill half a second or more. So each customer is looked up once a run (while remembered), and
 * the lookups of the next `ahead` items of the input run concurrently while the loop folds the
 * current one. The rule applied to each order is unchanged (erasure.ts); only when it is known moves.
 */
export class ErasureLookahead {
  readonly #resources: WorkflowResources;
  readonly #limit: number;
  readonly #known = new Map<string, Promise<number | undefined>>();
  // The hashes outlive the answers: a customer is read again under its lock (batch-write.ts).
  readonly #hashes = new Map<string, Promise<string>>();

  constructor(resources: WorkflowResources, limit: number) {
    this.#resources = resources;
    this.#limit = limit;
  }

  /** When this email's customer was erased (undefined: never); started now if not already. */
  erasedAt(email: string): Promise<number | undefined> {
    const key = customerKey(email);
    let known = this.#known.get(key);
    if (known === undefined) {
      known = this.erasedNow(key);
      // A failed lookup is not remembered: the order that meets it fails, a later one asks again.
      known.catch(() => this.#known.delete(key));
      this.#known.set(key, known);
      if (this.#known.size > this.#limit) this.#known.delete(this.#known.keys().next().value as string);
    }
    return known;
  }

  /** When this email's customer was erased, read from the log now, not remembered (the hash is). */
  erasedNow(email: string): Promise<number | undefined> {
    const key = customerKey(email);
    let hash = this.#hashes.get(key);
    if (hash === undefined) {
      hash = emailHash(key);
      this.#hashes.set(key, hash);
      if (this.#hashes.size > this.#limit) this.#hashes.delete(this.#hashes.keys().next().value as string);
    }
    return hash.then((digest) => this.#resources.erasures.erasedAt(digest));
  }

  /** The items of `source` in order, each one's lookup started `ahead` items before it is yielded. */
  async *ahead<T>(
    source: AsyncIterator<T> | Iterator<T>,
    ahead: number,
    emailOf: (item: T) => string | undefined,
  ): AsyncGenerator<T> {
    const buffer: T[] = [];
    let done = false;
    for (;;) {
      while (!done && buffer.length < ahead) {
        const next = await source.next();
        if (next.done) done = true;
        else {
          const email = emailOf(next.value);
          if (email) void this.erasedAt(email).catch(() => {});
          buffer.push(next.value);
        }
      }
      // Empty only once the source is done: the loop above fills it up to `ahead` otherwise.
      if (buffer.length === 0) return;
      yield buffer.shift() as T;
    }
  }
}
