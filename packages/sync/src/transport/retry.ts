/**
 * The retry policy as two pure functions, so it can be read and tested apart from any I/O:
 * whether to try again, and how long to wait first.
 */

export type Outcome =
  | { kind: 'status'; status: number }
  /** `sent: false` when the request provably never reached the server (refused, DNS). */
  | { kind: 'connection'; sent: boolean }
  | { kind: 'timeout' };

export interface RetryInput {
  outcome: Outcome;
  /** Retries already made (0 before the first retry). */
  retries: number;
  maxRetries: number;
  /** Whether repeating the request cannot do anything twice (see README, "Retries"). */
  idempotent: boolean;
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);

export function shouldRetry({ outcome, retries, maxRetries, idempotent }: RetryInput): boolean {
  if (retries >= maxRetries) return false;
  // Nothing reached Mautic, so even a note or an email send is safe to send again; Mautic's rate
  // limiter answers 429 before the request is processed, so that is the same case.
  if (outcome.kind === 'connection' && !outcome.sent) return true;
  if (outcome.kind === 'status' && outcome.status === 429) return true;
  if (!idempotent) return false;
  if (outcome.kind === 'status') return RETRY_STATUSES.has(outcome.status);
  return true;
}

export interface DelayOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** The longest a rate-limit reset is waited for; past it the 429 is thrown. */
  maxRateLimitWaitMs?: number;
  now?: number;
  random?: () => number;
}

/**
 * Exponential backoff with full jitter (0.5–1 × base × 2^retries, capped). A 429 waits until
 * `X-RateLimit-Reset` (Mautic's header, epoch seconds) or `Retry-After`, capped; returns null
 * when that wait is over the cap, meaning "do not retry".
 */
export function retryDelay(retries: number, headers: Headers | undefined, options: DelayOptions = {}): number | null {
  const { baseDelayMs = 500, maxDelayMs = 8_000, maxRateLimitWaitMs = 60_000, now = Date.now() } = options;
  const random = options.random ?? Math.random;
  const resetWait = serverWait(headers, now);
  if (resetWait !== null) return resetWait > maxRateLimitWaitMs ? null : resetWait;
  const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** retries);
  return Math.round(exponential * (0.5 + random() * 0.5));
}

/** How long the server asked us to wait (rate-limit reset or Retry-After), or null. */
export function serverWait(headers: Headers | undefined, now = Date.now()): number | null {
  const reset = Number(headers?.get('x-ratelimit-reset'));
  if (headers?.has('x-ratelimit-reset') && Number.isFinite(reset) && reset > 0) {
    // Seconds since the epoch; a small value would be "seconds from now" from other servers.
    const at = reset > 1e9 ? reset * 1000 : now + reset * 1000;
    return Math.max(0, at - now);
  }
  const retryAfter = headers?.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return null;
}
