import { MauticError } from '../errors';

/**
 * Waiting on code that is not ours (a token store, an onTokens callback) or on a refresh shared by
 * many callers. Each caller waits under its own signal: when it ends, that caller stops waiting and
 * nothing else is cancelled.
 */

/** `promise`, or the signal's reason once `signal` aborts, whichever comes first. */
export function waitFor<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** A failure of the caller's code as a MauticError that names it and keeps the cause. */
export function failedIn(what: string, error: unknown): MauticError {
  if (error instanceof MauticError) return error;
  return new MauticError(`${what} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/** Calls the caller's `fn` (sync or async); a throw becomes a MauticError, a hang ends with `signal`. */
export function external<T>(what: string, fn: () => T | Promise<T>, signal?: AbortSignal): Promise<T> {
  let result: Promise<T>;
  try {
    result = Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(failedIn(what, error));
  }
  return waitFor(
    result.catch((error: unknown) => {
      throw failedIn(what, error);
    }),
    signal,
  );
}
