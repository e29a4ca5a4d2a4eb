import { ofetch } from 'ofetch';
import { MauticAbortError, MauticApiError, MauticConnectionError, MauticError, MauticTimeoutError } from '../errors';
import type { Logger } from '../logger';
import { connectionFailure, mauticErrorIn } from './failure';
import { guardedFetch, Limiter } from './limits';
import { isOneShot, oneShotFetch } from './one-shot-fetch';
import type { SecretSet } from './redact';
import { isRedirect, redirectError } from './redirect';
import { interpret, type RequestInfo } from './response';
import { type Outcome, retryDelay, shouldRetry } from './retry';

/**
 * The request pipeline around one generated-SDK call: credentials, a timeout per attempt, the
 * caller's signal, 401 → renew → replay once, retries by policy, and typed errors. It wraps the
 * call (the SDK function runs unchanged each attempt) instead of patching the client.
 */

export type Credential = { scheme: 'basic' | 'bearer'; value: string } | { scheme: 'none' };

export interface Credentials {
  current(signal?: AbortSignal): Promise<Credential>;
  /** After a 401 answered to `used`: true when a fresh credential is now current. */
  renew(used: Credential, signal?: AbortSignal): Promise<boolean>;
}

export interface SdkCallOptions {
  signal: AbortSignal;
  /** hey-api's per-scheme auth callback. */
  auth: (auth: { scheme?: 'basic' | 'bearer' }) => string | undefined;
  /** fetch with no redirects and a bounded body (see limits.ts). */
  ofetch: typeof ofetch;
}

export interface SdkResult {
  data?: unknown;
  error?: unknown;
  response?: Response;
}

export interface Operation {
  method: string;
  /** The path with its ids filled in, for messages and logs. */
  path: string;
  /** Safe to send twice: see the README's "Retries". */
  idempotent: boolean;
}

export interface Answer<T> {
  data: T;
  status: number;
  headers: Headers;
  /** What was asked, for the shape checks (shape.ts). */
  request: RequestInfo;
}

export interface TransportOptions {
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  logger: Logger;
  secrets: SecretSet;
  credentials: Credentials;
  retryDelays?: { baseDelayMs?: number; maxDelayMs?: number; maxRateLimitWaitMs?: number };
  /** The caller's fetch (tests, proxies, edge runtimes); default the global one. */
  fetch?: typeof fetch | undefined;
  limits?: { maxResponseBytes: number; maxConcurrentRequests: number };
}

export type Send = <T>(
  operation: Operation,
  call: (options: SdkCallOptions) => Promise<SdkResult>,
  signal?: AbortSignal,
) => Promise<Answer<T>>;

const DEFAULT_LIMITS = { maxResponseBytes: 8 * 1024 * 1024, maxConcurrentRequests: 16 };

// Signals of calls that must not be retried (a connection test answers within about timeoutMs).
const SINGLE_ATTEMPT = new WeakSet<AbortSignal>();

/** A signal that follows `signal` and marks its call as "one attempt, no retries". */
export function withoutRetries(signal?: AbortSignal): AbortSignal {
  const marked = signal ? AbortSignal.any([signal]) : new AbortController().signal;
  SINGLE_ATTEMPT.add(marked);
  return marked;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function authCallback(credential: Credential): SdkCallOptions['auth'] {
  return (auth) => (credential.scheme !== 'none' && auth.scheme === credential.scheme ? credential.value : undefined);
}

export function createTransport(options: TransportOptions): Send {
  const { logger, secrets, credentials, timeoutMs } = options;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const limiter = new Limiter(limits.maxConcurrentRequests);
  const $fetch = ofetch.create({}, { fetch: guardedFetch(options.fetch, limits.maxResponseBytes, secrets) });
  // On Deno and Bun a one-shot request gets a connection of its own, so the runtime never resends it.
  const oneShot = oneShotFetch(options.fetch);
  const $oneShot = oneShot
    ? ofetch.create({}, { fetch: guardedFetch(oneShot, limits.maxResponseBytes, secrets) })
    : $fetch;

  return async function send<T>(
    operation: Operation,
    call: (callOptions: SdkCallOptions) => Promise<SdkResult>,
    callerSignal?: AbortSignal,
  ): Promise<Answer<T>> {
    const url = `${options.baseUrl}${operation.path}`;
    const info: RequestInfo = { method: operation.method, url, secrets };
    const maxRetries = callerSignal && SINGLE_ATTEMPT.has(callerSignal) ? 0 : options.maxRetries;
    let retries = 0;
    let renewed = false;
    const aborted = () =>
      new MauticAbortError(`${operation.method} ${operation.path} was aborted by the caller`, {
        cause: callerSignal?.reason,
      });
    const timedOut = (what: string, cause: unknown, requestSent = true) =>
      new MauticTimeoutError(`${operation.method} ${operation.path} ${what} within ${timeoutMs} ms`, timeoutMs, {
        secrets,
        cause,
        requestSent,
      });
    /** Runs `step` under this attempt's deadline and the caller's signal; typed errors out. */
    const bounded = async <R>(what: string, step: (signal: AbortSignal) => Promise<R>): Promise<R> => {
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        return await step(callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout);
      } catch (thrown) {
        // A token request that timed out: this request itself never left.
        if (thrown instanceof MauticTimeoutError && thrown.requestSent) throw timedOut(what, thrown, false);
        if (thrown instanceof MauticError) throw thrown;
        if (callerSignal?.aborted) throw aborted();
        // Nothing was sent yet: not a write that may have happened (see likelyApplied).
        if (timeout.aborted) throw timedOut(what, thrown, false);
        throw new MauticError(`${operation.method} ${operation.path} failed ${what}: ${String(thrown)}`, {
          secrets,
          cause: thrown,
        });
      }
    };

    for (;;) {
      if (callerSignal?.aborted) throw aborted();
      // Credentials first (a refresh may be under way), then a slot: a slot is never held while waiting.
      const credential = await bounded('waiting for credentials', (signal) => credentials.current(signal));
      let release: () => void;
      try {
        release = await limiter.acquire(callerSignal);
      } catch {
        throw aborted();
      }
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
      const startedAt = Date.now();
      let outcome: Outcome;
      let error: MauticError;
      let headers: Headers | undefined;

      try {
        const $ofetch = isOneShot(operation, maxRetries) ? $oneShot : $fetch;
        const result = await call({ signal, auth: authCallback(credential), ofetch: $ofetch });
        const response = result.response;
        if (!response) throw new Error('the generated client returned no response');
        headers = response.headers;
        logger.debug(`${operation.method} ${operation.path} ${response.status} ${Date.now() - startedAt}ms`, {
          attempt: retries + 1,
        });
        if (isRedirect(response)) {
          throw redirectError(response, {
            method: operation.method,
            url,
            path: operation.path.split('?')[0] ?? operation.path,
            baseUrl: options.baseUrl,
            secrets,
          });
        }
        const body = response.ok ? result.data : result.error;
        try {
          const data = interpret({ status: response.status, headers, body }, info) as T;
          return { data, status: response.status, headers, request: info };
        } catch (apiError) {
          if (!(apiError instanceof MauticApiError)) throw apiError;
          error = apiError;
          outcome = { kind: 'status', status: apiError.status };
        }
      } catch (thrown) {
        // Ours (a redirect, a body over maxResponseBytes), possibly wrapped by ofetch: final as it is.
        const ours = mauticErrorIn(thrown);
        if (ours) throw ours;
        if (callerSignal?.aborted) throw aborted();
        if (timeout.aborted) {
          error = timedOut('got no answer', thrown);
          outcome = { kind: 'timeout' };
        } else {
          const failure = connectionFailure(thrown);
          error = new MauticConnectionError(
            `${operation.method} ${operation.path} failed before Mautic answered: ${failure.reason} (${new URL(url).host})`,
            { secrets, cause: thrown, requestSent: failure.sent },
          );
          outcome = { kind: 'connection', sent: failure.sent };
        }
        logger.debug(`${operation.method} ${operation.path} failed: ${error.message}`, { attempt: retries + 1 });
      } finally {
        release();
      }

      if (outcome.kind === 'status' && outcome.status === 401 && !renewed && credential.scheme === 'bearer') {
        renewed = true;
        if (await bounded('waiting for a token refresh', (signal) => credentials.renew(credential, signal))) continue;
      }
      if (!shouldRetry({ outcome, retries, maxRetries, idempotent: operation.idempotent })) throw error;
      const delay = retryDelay(retries, headers, options.retryDelays);
      if (delay === null) throw error;
      logger.warn(`retrying ${operation.method} ${operation.path} in ${delay} ms: ${error.message}`, {
        retry: retries + 1,
        maxRetries,
      });
      try {
        await sleep(delay, callerSignal);
      } catch {
        throw aborted();
      }
      retries++;
    }
  };
}
