/**
 * Bounds on what one client may hold: requests open at once (each holds a socket, and 10,000
 * concurrent calls would otherwise open 10,000 sockets) and bytes read from one answer (a gzip
 * bomb of a megabyte inflates to a gigabyte). Both are plain web APIs, so they work on every runtime.
 */

type Waiter = { grant: () => void; signal: AbortSignal | undefined; onAbort: () => void };

/** A FIFO semaphore: at most `max` holders; the rest wait in the order they came. */
export class Limiter {
  readonly #max: number;
  #active = 0;
  readonly #queue: Waiter[] = [];

  constructor(max: number) {
    this.#max = max;
  }

  /** Resolves with a release function once a slot is free; rejects with the signal's reason on abort. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#active < this.#max && this.#queue.length === 0) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', waiter.onAbort);
          resolve(this.#releaser());
        },
        signal,
        onAbort: () => {
          const index = this.#queue.indexOf(waiter);
          if (index >= 0) this.#queue.splice(index, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue.shift();
      // The slot passes straight to the next waiter, so nobody can overtake the queue.
      if (next) next.grant();
      else this.#active--;
    };
  }
}

/**
 * The body as text, reading at most `maxBytes` (of the decompressed stream fetch hands over, so the
 * count is of what would be held in memory). Read from the stream directly: wrapping it in a
 * counting ReadableStream and a new Response cost ~15 µs a request (bench/overhead.ts).
 */
export async function readBounded(response: Response, maxBytes: number, tooLarge: () => Error): Promise<string> {
  const stream = response.body;
  if (!stream) return '';
  // An uncompressed body with a declared length: fetch itself refuses one that does not match it.
  const declared = response.headers.has('content-encoding')
    ? Number.NaN
    : Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    const error = tooLarge();
    await stream.cancel(error).catch(() => {});
    throw error;
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let seen = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += value.byteLength;
    if (seen > maxBytes) {
      const error = tooLarge();
      await reader.cancel(error).catch(() => {});
      throw error;
    }
    chunks.push(value);
  }
  return decoder.decode(chunks.length === 1 ? chunks[0] : concat(chunks, seen));
}

// UTF-8 with the BOM stripped, as Response.text() decodes; one decoder, as decode() holds no state.
const decoder = new TextDecoder();

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const all = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}
