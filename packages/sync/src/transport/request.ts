import {
  MauticAbortError,
  MauticApiError,
  MauticConnectionError,
  type MauticError,
  MauticTimeoutError,
} from '../errors';
import type { Logger } from '../logger';
import { connectionFor, type OneShotOfetch } from './one-shot-fetch';
import type { SecretSet } from './redact';
import { interpret } from './response';
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
  /** Set for a one-shot request on a runtime that could resend it: see one-shot-fetch.ts. */
  ofetch?: OneShotOfetch;
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
}

export interface TransportOptions {
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  logger: Logger;
  secrets: SecretSet;
  credentials: Credentials;
  retryDelays?: { baseDelayMs?: number; maxDelayMs?: number; maxRateLimitWaitMs?: number };
  oneShot?: OneShotOfetch;
}

export type Send = <T>(
  operation: Operation,
  call: (options: SdkCallOptions) => Promise<SdkResult>,
  signal?: AbortSignal,
) => Promise<Answer<T>>;

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
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
  const { logger, secrets, credentials, timeoutMs, maxRetries } = options;

  return async function send<T>(
    operation: Operation,
    call: (callOptions: SdkCallOptions) => Promise<SdkResult>,
    callerSignal?: AbortSignal,
  ): Promise<Answer<T>> {
    const url = `${options.baseUrl}${operation.path}`;
    const info = { method: operation.method, url, secrets };
    let retries = 0;
    let renewed = false;

    for (;;) {
      const aborted = () =>
        new MauticAbortError(`${operation.method} ${operation.path} was aborted by the caller`, {
          cause: callerSignal?.reason,
        });
      if (callerSignal?.aborted) throw aborted();
      const credential = await credentials.current(callerSignal);
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
      const startedAt = Date.now();
      let outcome: Outcome;
      let error: MauticError;
      let headers: Headers | undefined;

      try {
        const connection = connectionFor(operation, maxRetries, options.oneShot);
        const result = await call({ signal, auth: authCallback(credential), ...connection });
        const response = result.response;
        if (!response) throw new Error('the generated client returned no response');
        headers = response.headers;
        logger.debug(`${operation.method} ${operation.path} ${response.status} ${Date.now() - startedAt}ms`, {
          attempt: retries + 1,
        });
        const body = response.ok ? result.data : result.error;
        try {
          const data = interpret({ status: response.status, headers, body }, info) as T;
          return { data, status: response.status, headers };
        } catch (apiError) {
          if (!(apiError instanceof MauticApiError)) throw apiError;
          error = apiError;
          outcome = { kind: 'status', status: apiError.status };
        }
      } catch (thrown) {
        if (thrown instanceof MauticApiError) throw thrown;
        if (callerSignal?.aborted) throw aborted();
        if (timeout.aborted) {
          error = new MauticTimeoutError(
            `${operation.method} ${operation.path} got no answer within ${timeoutMs} ms`,
            timeoutMs,
            { secrets, cause: thrown },
          );
          outcome = { kind: 'timeout' };
        } else {
          const code = errorCode(thrown);
          const sent = !NOT_SENT.has(code ?? '');
          error = new MauticConnectionError(
            `${operation.method} ${url} failed before Mautic answered${code ? ` (${code})` : ''}: ${
              (thrown as Error)?.message ?? String(thrown)
            }`,
            { secrets, cause: thrown, requestSent: sent },
          );
          outcome = { kind: 'connection', sent };
        }
        logger.debug(`${operation.method} ${operation.path} failed: ${error.message}`, { attempt: retries + 1 });
      }

      if (outcome.kind === 'status' && outcome.status === 401 && !renewed && credential.scheme === 'bearer') {
        renewed = true;
        if (await credentials.renew(credential, callerSignal)) continue;
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
