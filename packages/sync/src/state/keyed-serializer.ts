/**
 * Runs work one at a time per key (a customer's email), so two orders of one customer never sync
 * at once and cannot both create the contact. The default serializes within this process; a
 * distributed one (a Redis lock) serializes across every process that shares it. Runs of different
 * keys nest (a batch write holds each of its customers' keys: `runAll`), so a run must wait only for
 * runs of its own key, never for one lock shared by all keys.
 */
export interface KeyedSerializer {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export class MemoryKeyedSerializer implements KeyedSerializer {
  readonly #tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key);
    const result = (async () => {
      // The previous run's failure belongs to its caller, not to this one.
      await previous?.catch(() => undefined);
      return work();
    })();
    const tail = result.catch(() => undefined);
    this.#tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}

/**
 * Runs `work` holding every key at once (a batch write of many customers). The keys are taken one
 * after another in one order, sorted, so two callers holding some of the same keys never wait for
 * each other in a circle, and a caller that holds one key at a time only ever waits.
 */
export function runAll<T>(serializer: KeyedSerializer, keys: Iterable<string>, work: () => Promise<T>): Promise<T> {
  const sorted = [...new Set(keys)].sort();
  const hold = (i: number): Promise<T> => {
    const key = sorted[i];
    return key === undefined ? work() : serializer.run(key, () => hold(i + 1));
  };
  return hold(0);
}
