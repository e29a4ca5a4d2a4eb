import type { OAuth2Auth } from './auth/oauth2';
import type { CommerceOptions } from './commerce-options';
import { MauticInvalidInputError } from './errors';
import type { Logger } from './logger';
import type { KeyedSerializer } from './state/keyed-serializer';
import type { StepLedger } from './state/step-ledger';

export interface BasicAuth {
  type: 'basic';
  username: string;
  password: string;
}

export interface MauticClientOptions extends CommerceOptions {
  /** The Mautic site, e.g. `https://mautic.example.com`; a trailing slash and `/index.php` both work. */
  baseUrl: string;
  auth: BasicAuth | OAuth2Auth;
  /** Per attempt, in ms: a positive integer up to 2^31-1 (what a timer holds). Default 30 000. */
  timeoutMs?: number;
  /**
   * The deadline of an OAuth2 token request, in ms. Default 120 000. Long on purpose: Mautic rotates
   * the refresh token on every refresh, so a refresh given up on too early can burn it. A caller
   * whose own `timeoutMs` or `signal` ends first stops waiting; the refresh goes on and is stored.
   */
  tokenTimeoutMs?: number;
  /** The largest response body read, counted after decompression. Default 8 MiB. */
  maxResponseBytes?: number;
  /** Requests this client has open at once; the rest wait in order. Default 16. */
  maxConcurrentRequests?: number;
  /** Retries of a request that is safe to repeat. Default 2. */
  maxRetries?: number;
  /** A fetch implementation (tests, proxies, edge runtimes); default the global fetch. */
  fetch?: typeof fetch;
  logger?: Partial<Logger>;
  /** Backoff tuning; the defaults suit a real Mautic. */
  retryDelays?: { baseDelayMs?: number; maxDelayMs?: number; maxRateLimitWaitMs?: number };
  /**
   * The record of notes and emails sent, so none is sent twice. Default: in this process's memory.
   * Several processes (webhook handlers, workers) must share one, e.g. `RedisStepLedger`.
   */
  stepLedger?: StepLedger;
  /**
   * Runs one workflow at a time per customer, so one customer never gets two contacts. Default:
   * within this process. Several processes must share one, e.g. `RedisKeyedSerializer`.
   */
  serializer?: KeyedSerializer;
}

export interface ResolvedOptions extends Required<Pick<MauticClientOptions, 'timeoutMs' | 'maxRetries'>> {
  baseUrl: string;
  auth: BasicAuth | OAuth2Auth;
  tokenTimeoutMs: number;
  limits: { maxResponseBytes: number; maxConcurrentRequests: number };
}

// setTimeout keeps its delay in a signed 32-bit integer: anything larger fires after 1 ms.
const MAX_TIMER_MS = 2 ** 31 - 1;

function integerOption(value: unknown, field: string, fallback: number, max: number, min = 1): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new MauticInvalidInputError(`${field} must be an integer from ${min} to ${max}, got ${String(value)}`, field);
  }
  return value;
}

function assertRetryDelays(value: MauticClientOptions['retryDelays']): void {
  if (value === undefined) return;
  if (!value || typeof value !== 'object')
    throw new MauticInvalidInputError('retryDelays must be an object', 'retryDelays');
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxRateLimitWaitMs'] as const) {
    integerOption(value[key], `retryDelays.${key}`, 0, MAX_TIMER_MS, 0);
  }
}

function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new MauticInvalidInputError(`${field} is required`, field);
  }
  return value;
}

/** The site root every path is joined to: no trailing slash, no `/api` the caller added. */
export function normalizeBaseUrl(value: unknown): string {
  const raw = requireString(value, 'baseUrl').trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new MauticInvalidInputError(`baseUrl is not an absolute URL: ${JSON.stringify(raw)}`, 'baseUrl');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new MauticInvalidInputError(`baseUrl must be http or https, got ${url.protocol}`, 'baseUrl');
  }
  if (url.username || url.password) {
    throw new MauticInvalidInputError('baseUrl must not carry credentials; use the auth option', 'baseUrl');
  }
  url.search = '';
  url.hash = '';
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api$/, '');
  return `${url.origin}${path}`;
}

export function resolveOptions(options: MauticClientOptions): ResolvedOptions {
  if (!options || typeof options !== 'object') throw new MauticInvalidInputError('options are required', 'options');
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const auth = options.auth;
  if (!auth || typeof auth !== 'object') throw new MauticInvalidInputError('auth is required', 'auth');
  if (auth.type === 'basic') {
    requireString(auth.username, 'auth.username');
    requireString(auth.password, 'auth.password');
    if (auth.username.includes(':')) {
      throw new MauticInvalidInputError('auth.username must not contain ":" (HTTP Basic)', 'auth.username');
    }
  } else if (auth.type === 'oauth2') {
    requireString(auth.clientId, 'auth.clientId');
    requireString(auth.clientSecret, 'auth.clientSecret');
    if (auth.expiresAt != null && !Number.isFinite(auth.expiresAt)) {
      throw new MauticInvalidInputError('auth.expiresAt must be epoch milliseconds', 'auth.expiresAt');
    }
  } else {
    throw new MauticInvalidInputError(`auth.type must be "basic" or "oauth2"`, 'auth.type');
  }
  const timeoutMs = integerOption(options.timeoutMs, 'timeoutMs', 30_000, MAX_TIMER_MS);
  const tokenTimeoutMs = integerOption(options.tokenTimeoutMs, 'tokenTimeoutMs', 120_000, MAX_TIMER_MS);
  const limits = {
    maxResponseBytes: integerOption(options.maxResponseBytes, 'maxResponseBytes', 8 * 1024 * 1024, 2 ** 31 - 1),
    maxConcurrentRequests: integerOption(options.maxConcurrentRequests, 'maxConcurrentRequests', 16, 1024),
  };
  assertRetryDelays(options.retryDelays);
  const maxRetries = options.maxRetries ?? 2;
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 10) {
    throw new MauticInvalidInputError('maxRetries must be an integer from 0 to 10', 'maxRetries');
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new MauticInvalidInputError('fetch must be a function', 'fetch');
  }
  for (const [name, methods] of [
    ['stepLedger', ['claim', 'settle', 'record', 'forget']],
    ['serializer', ['run']],
  ] as const) {
    const value = options[name] as unknown as Record<string, unknown> | undefined;
    if (value !== undefined && methods.some((method) => typeof value?.[method] !== 'function')) {
      throw new MauticInvalidInputError(`${name} must implement ${methods.join(', ')}`, name);
    }
  }
  return { baseUrl, auth, timeoutMs, maxRetries, tokenTimeoutMs, limits };
}
