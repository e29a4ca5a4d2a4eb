import { MauticResponseTooLargeError } from '../errors';
import type { SecretSet } from './redact';
import { NO_REDIRECTS } from './redirect';

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

// Statuses whose Response cannot carry a body (the constructor refuses one).
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * The same response, with a body that errors with `tooLarge()` once more than `maxBytes` have been
 * read. fetch hands over the decompressed stream, so the count is of what would be held in memory.
 */
export function limitBody(response: Response, maxBytes: number, tooLarge: () => Error): Response {
  if (!response.body || NULL_BODY.has(response.status)) return response;
  const declared = Number(response.headers.get('content-length'));
  // An uncompressed body with a declared length: fetch itself refuses one that does not match its
  // Content-Length, so the declared length is the size; no counting stream (it costs on every request).
  const sized =
    !response.headers.has('content-encoding') && response.headers.has('content-length') && Number.isFinite(declared);
  if (sized && declared > maxBytes) {
    const error = tooLarge();
    void response.body.cancel(error).catch(() => {});
    throw error;
  }
  if (sized) return response;
  const reader = response.body.getReader();
  let seen = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      seen += value.byteLength;
      if (seen > maxBytes) {
        const error = tooLarge();
        controller.error(error);
        await reader.cancel(error).catch(() => {});
        return;
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/**
 * The fetch every request goes through: `redirect: 'manual'` (see redirect.ts) and a body bounded
 * by `maxResponseBytes`.
 */
export function guardedFetch(base: typeof fetch | undefined, maxBytes: number, secrets: SecretSet): typeof fetch {
  return async (input, init) => {
    const response = await (base ?? globalThis.fetch)(input, { ...init, ...NO_REDIRECTS });
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (
      init?.method ?? (typeof input === 'object' && 'method' in input ? input.method : 'GET')
    ).toUpperCase();
    return limitBody(
      response,
      maxBytes,
      () =>
        new MauticResponseTooLargeError({
          status: response.status,
          method,
          url,
          secrets,
          headers: response.headers,
          maxResponseBytes: maxBytes,
          message: `Mautic's answer to ${method} ${new URL(url).pathname} is larger than maxResponseBytes (${maxBytes} bytes); reading stopped there`,
        }),
    );
  };
}
