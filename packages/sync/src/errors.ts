import { redact, redactUrl, redactValue, type SecretSet } from './transport/redact';
import { serverWait } from './transport/retry';

/** One entry of Mautic's `{"errors":[…]}` envelope, in either of its two forms. */
export interface MauticErrorItem {
  code?: number;
  message?: string;
  /** Per-field messages (validation), or `[]` when there are none. */
  details?: Record<string, string[]> | unknown[];
  /** `access_denied`, `invalid_grant`, `api_disabled`, … or null. */
  type?: string | null;
}

interface ErrorContext {
  secrets?: SecretSet | undefined;
  cause?: unknown;
}

/** The base class of every error this package throws. */
export class MauticError extends Error {
  override name = 'MauticError';

  constructor(message: string, context: ErrorContext = {}) {
    super(redact(message, context.secrets));
    // A cause from below (fetch, ofetch) may quote a URL or a header; keep only a redacted copy.
    if (context.cause !== undefined) this.cause = safeCause(context.cause, context.secrets);
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) if (key !== 'cause') out[key] = value;
    return out;
  }
}

function safeCause(cause: unknown, secrets?: SecretSet): unknown {
  if (cause instanceof MauticError) return cause;
  if (cause instanceof Error) {
    const copy = new Error(redact(cause.message, secrets));
    copy.name = cause.name;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') (copy as Error & { code: string }).code = code;
    if (cause.cause !== undefined) copy.cause = safeCause(cause.cause, secrets);
    return copy;
  }
  return redactValue(cause, secrets);
}

export interface ApiErrorInit extends ErrorContext {
  status: number;
  method: string;
  url: string;
  /** The errors array as Mautic sent it (empty when the body had none). */
  errors?: MauticErrorItem[];
  /** A short excerpt of a body that was not Mautic's JSON (an HTML page, a proxy error). */
  bodyExcerpt?: string | undefined;
  headers?: Headers | undefined;
  message?: string;
}

/** Mautic answered with an error status, an error envelope, or a body that is not its JSON. */
export class MauticApiError extends MauticError {
  override name = 'MauticApiError';
  readonly status: number;
  readonly method: string;
  /** The request URL without credentials. */
  readonly url: string;
  readonly errors: MauticErrorItem[];
  /** `errors[0].type` (OAuth and ApiSubscriber errors), else null. */
  readonly type: string | null;
  readonly bodyExcerpt: string | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message ?? describe(init), init);
    this.status = init.status;
    this.method = init.method.toUpperCase();
    this.url = redactUrl(init.url, init.secrets);
    this.errors = (redactValue(init.errors ?? [], init.secrets) as MauticErrorItem[]) ?? [];
    this.type = this.errors.find((e) => typeof e.type === 'string')?.type ?? null;
    this.bodyExcerpt = init.bodyExcerpt === undefined ? undefined : redact(init.bodyExcerpt, init.secrets);
  }

  /** The right subclass for a status: one factory, so every caller classifies alike. */
  static from(init: ApiErrorInit): MauticApiError {
    const { status } = init;
    if (status === 401 || status === 403) return new MauticAuthError(init);
    if (status === 404) return new MauticNotFoundError(init);
    if (status === 400 || status === 422) return new MauticValidationError(init);
    if (status === 429) return new MauticRateLimitError(init);
    if (status >= 500) return new MauticServerError(init);
    return new MauticApiError(init);
  }
}

function describe(init: ApiErrorInit): string {
  const where = `${init.method.toUpperCase()} ${new URL(init.url, 'http://x').pathname}`;
  const messages = (init.errors ?? []).map((e) => e.message).filter(Boolean);
  if (messages.length > 0) return `Mautic answered ${init.status} to ${where}: ${messages.join('; ')}`;
  if (init.bodyExcerpt !== undefined) {
    return `Mautic answered ${init.status} to ${where} with a body that is not Mautic's JSON: ${JSON.stringify(init.bodyExcerpt)}`;
  }
  return `Mautic answered ${init.status} to ${where}`;
}

/** 401 (no, bad or expired credentials) and 403 (known caller not allowed; API or Basic auth off). */
export class MauticAuthError extends MauticApiError {
  override name = 'MauticAuthError';
}

export class MauticNotFoundError extends MauticApiError {
  override name = 'MauticNotFoundError';
}

/** 400 and 422: a form error. `fieldErrors` maps a field alias to its messages. */
export class MauticValidationError extends MauticApiError {
  override name = 'MauticValidationError';
  readonly fieldErrors: Record<string, string[]>;

  constructor(init: ApiErrorInit) {
    super(init);
    this.fieldErrors = collectFieldErrors(this.errors);
  }
}

// Keys that would reach Object.prototype instead of a field; no Mautic alias is one of them.
export const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function collectFieldErrors(errors: MauticErrorItem[]): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null);
  for (const item of errors) {
    if (item.details && !Array.isArray(item.details)) {
      for (const [field, messages] of Object.entries(item.details)) {
        if (UNSAFE_KEYS.has(field)) continue;
        out[field] = [...(out[field] ?? []), ...(Array.isArray(messages) ? messages.map(String) : [String(messages)])];
      }
    } else if (item.message) {
      // Older answers carry only "field: message, other: message".
      for (const part of item.message.split(/,\s(?=[a-z0-9_]+:\s)/)) {
        const match = /^([a-z0-9_]+):\s(.+)$/.exec(part);
        if (match?.[1] && match[2] && !UNSAFE_KEYS.has(match[1])) out[match[1]] = [...(out[match[1]] ?? []), match[2]];
      }
    }
  }
  return out;
}

/** 429. `resetAt` comes from `X-RateLimit-Reset` (epoch seconds) or `Retry-After`. */
export class MauticRateLimitError extends MauticApiError {
  override name = 'MauticRateLimitError';
  readonly resetAt: Date | null;

  constructor(init: ApiErrorInit) {
    super(init);
    this.resetAt = rateLimitResetAt(init.headers);
  }
}

function rateLimitResetAt(headers: Headers | undefined, now = Date.now()): Date | null {
  const wait = serverWait(headers, now);
  return wait === null ? null : new Date(now + wait);
}

export class MauticServerError extends MauticApiError {
  override name = 'MauticServerError';
}

/** Mautic answered 3xx. No request follows a redirect: it would carry credentials and data elsewhere. */
export class MauticRedirectError extends MauticApiError {
  override name = 'MauticRedirectError';
  /** Where Mautic pointed, without its query; null when the runtime hides it (browsers). */
  readonly location: string | null;

  constructor(init: ApiErrorInit & { location: string | null }) {
    super(init);
    this.location = init.location;
  }
}

/** The answer was larger than `maxResponseBytes` (counted after decompression); reading stopped there. */
export class MauticResponseTooLargeError extends MauticApiError {
  override name = 'MauticResponseTooLargeError';
  readonly maxResponseBytes: number;

  constructor(init: ApiErrorInit & { maxResponseBytes: number }) {
    super(init);
    this.maxResponseBytes = init.maxResponseBytes;
  }
}

/** The request never got an answer: DNS, refused or reset connection, TLS. */
export class MauticConnectionError extends MauticError {
  override name = 'MauticConnectionError';
  /** False when the connection was refused or the host not found: nothing reached Mautic. */
  readonly requestSent: boolean;

  constructor(message: string, context: ErrorContext & { requestSent?: boolean } = {}) {
    super(message, context);
    this.requestSent = context.requestSent ?? true;
  }
}

export class MauticTimeoutError extends MauticError {
  override name = 'MauticTimeoutError';
  readonly timeoutMs: number;
  /** False when the time ran out before the request left (waiting for a token refresh). */
  readonly requestSent: boolean;

  constructor(message: string, timeoutMs: number, context: ErrorContext & { requestSent?: boolean } = {}) {
    super(message, context);
    this.timeoutMs = timeoutMs;
    this.requestSent = context.requestSent ?? true;
  }
}

/** Input refused before any request was sent. `field` names what was wrong. */
export class MauticInvalidInputError extends MauticError {
  override name = 'MauticInvalidInputError';
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

/** The caller's own `signal` aborted the request. */
export class MauticAbortError extends MauticError {
  override name = 'MauticAbortError';
}

/**
 * Whether a failed write most likely happened anyway: Mautic was working on it when the client gave
 * up (a timeout after the request left), or a gateway stopped waiting for it (504). A note or an email in that state is
 * not sent again by a re-run unless asked. A refused or reset connection, a 5xx, a 429 or a
 * `success: false` are taken as "did not happen" (a reset mostly hits a reused idle socket before
 * anything runs).
 */
export function likelyApplied(error: unknown): boolean {
  if (error instanceof MauticTimeoutError) return error.requestSent;
  return error instanceof MauticApiError && error.status === 504;
}
