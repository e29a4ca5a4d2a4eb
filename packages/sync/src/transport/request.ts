import {
  MauticAbortError,
  MauticApiError,
  MauticConnectionError,
  MauticError,
  MauticResponseTooLargeError,
  MauticTimeoutError,
} from '../errors';
import type { Logger } from '../logger';
import { connectionFailure, mauticErrorIn } from './failure';
import { Limiter, readBounded } from './limits';
import { isOneShot, oneShotFetch } from './one-shot-fetch';
import type { SecretSet } from './redact';
import type { redirectError } from './redirect';
import { interpret, type RequestInfo } from './response';
import { type Outcome, retryDelay, shouldRetry } from './retry';

/**
 * The request pipeline around one call (http-call.ts): credentials, a timeout per attempt, the
 * caller's signal, a slot of the client's limiter, 401 → renew → replay once, retries by policy,
 * and typed errors. The call runs unchanged each attempt, with the fetch this pipeline hands it.
 */

/** `authorization`: the header as sent, built once per credential (not per request). */
export type Credential = { scheme: 'basic' | 'bearer'; value: string; authorization: string } | { scheme: 'none' };

export interface Credentials {
  /** The credential when it is at hand without waiting (Basic, none); undefined otherwise. */
  ready?(): Credential | undefined;
  current(signal?: AbortSignal): Promise<Credential>;
  /** After a 401 answered to `used`: true when a fresh credential is now current. */
  renew(used: Credential, signal?: AbortSignal): Promise<boolean>;
}

/** What the transport hands the call for one attempt (http-call.ts sends it). */
export interface AttemptOptions {
  /** The base URL and the operation's path, ids filled in (without the query). */
  url: string;
  signal: AbortSignal;
  /** The `Authorization` header of this attempt's credential, if it has one. */
  authorization: string | undefined;
  /**
   * The fetch to send with (the caller's or the global one, looked up per call); for a one-shot
   * request on Deno and Bun, on a connection of its own (one-shot-fetch.ts). A plain function type,
   * so no HTTP library's types reach the published declarations.
   */
  fetch: Fetch;
  /** The answer's body as text, at most `maxResponseBytes` of it (limits.ts). */
  read: (response: Response) => Promise<string>;
}

/** The attempt's answer: its text as `data` (2xx) or `error` (anything else), and the response. */
export interface AttemptResult {
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
  /**
   * The redirect explanation (redirect.ts), loaded when a redirect comes: the client hands in its
   * on-demand loader, so the explanation is never on the way of a good answer.
   */
  loadRedirectError: () => Promise<typeof redirectError>;
}

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export type Send = <T>(
  operation: Operation,
  call: (options: AttemptOptions) => Promise<AttemptResult>,
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

/**
 * A deadline of `timeoutMs` joined with the caller's signal. A timer cleared when the step ends:
 * AbortSignal.timeout costs ~10 µs of CPU a call (bench/overhead.ts), and an attempt takes two.
 */
function deadline(timeoutMs: number, callerSignal: AbortSignal | undefined) {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new DOMException('timed out', 'TimeoutError')), timeoutMs);
  return {
    signal: callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal,
    timedOut: () => timeout.signal.aborted,
    clear: () => clearTimeout(timer),
  };
}

export function createTransport(options: TransportOptions): Send {
  const { logger, secrets, credentials, timeoutMs } = options;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const limiter = new Limiter(limits.maxConcurrentRequests);
  const plain: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  // On Deno and Bun a one-shot request gets a connection of its own, so the runtime never resends it.
  const oneShot = oneShotFetch(options.fetch) ?? plain;

  return async function send<T>(
    operation: Operation,
    call: (callOptions: AttemptOptions) => Promise<AttemptResult>,
    callerSignal?: AbortSignal,
  ): Promise<Answer<T>> {
    const url = `${options.baseUrl}${operation.path}`;
    const info: RequestInfo = { method: operation.method, url, secrets };
    const { maxResponseBytes } = limits;
    const read = (response: Response) =>
      readBounded(
        response,
        maxResponseBytes,
        () =>
          new MauticResponseTooLargeError({
            status: response.status,
            method: operation.method,
            url,
            secrets,
            headers: response.headers,
            maxResponseBytes,
            message: `Mautic's answer to ${operation.method} ${operation.path.split('?')[0]} is larger than maxResponseBytes (${maxResponseBytes} bytes); reading stopped there`,
          }),
      );
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
      const timeout = deadline(timeoutMs, callerSignal);
      try {
        return await step(timeout.signal);
      } catch (thrown) {
        // A token request that timed out: this request itself never left.
        if (thrown instanceof MauticTimeoutError && thrown.requestSent) throw timedOut(what, thrown, false);
        if (thrown instanceof MauticError) throw thrown;
        if (callerSignal?.aborted) throw aborted();
        // Nothing was sent yet: not a write that may have happened (see likelyApplied).
        if (timeout.timedOut()) throw timedOut(what, thrown, false);
        throw new MauticError(`${operation.method} ${operation.path} failed ${what}: ${String(thrown)}`, {
          secrets,
          cause: thrown,
        });
      } finally {
        timeout.clear();
      }
    };

    for (;;) {
      if (callerSignal?.aborted) throw aborted();
      // Credentials first (a refresh may be under way), then a slot: a slot is never held while waiting.
      // A credential at hand (Basic) needs no deadline; one that may wait on a refresh or a store does.
      const credential =
        credentials.ready?.() ?? (await bounded('waiting for credentials', (signal) => credentials.current(signal)));
      let release: () => void;
      try {
        release = await limiter.acquire(callerSignal);
      } catch {
        throw aborted();
      }
      const timeout = deadline(timeoutMs, callerSignal);
      const startedAt = Date.now();
      let outcome: Outcome;
      let error: MauticError;
      let headers: Headers | undefined;

      try {
        const fetch = isOneShot(operation, maxRetries) ? oneShot : plain;
        const authorization = credential.scheme === 'none' ? undefined : credential.authorization;
        const result = await call({ url, signal: timeout.signal, authorization, fetch, read });
        const response = result.response;
        if (!response) throw new Error('the call returned no response');
        headers = response.headers;
        logger.debug(`${operation.method} ${operation.path} ${response.status} ${Date.now() - startedAt}ms`, {
          attempt: retries + 1,
        });
        if ((response.status >= 300 && response.status < 400) || response.type === 'opaqueredirect') {
          const explain = await options.loadRedirectError();
          throw explain(response, {
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
        // Ours (a redirect, a body over maxResponseBytes), possibly wrapped by the runtime: final as it is.
        const ours = mauticErrorIn(thrown);
        if (ours) throw ours;
        if (callerSignal?.aborted) throw aborted();
        if (timeout.timedOut()) {
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
        timeout.clear();
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
