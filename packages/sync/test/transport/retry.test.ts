import { describe, expect, it } from 'vitest';
import { retryDelay, shouldRetry } from '../../src/transport/retry';

describe('shouldRetry', () => {
  const base = { retries: 0, maxRetries: 2, idempotent: true };

  it.each([429, 502, 503, 504])('retries %i for a request safe to repeat', (status) => {
    expect(shouldRetry({ ...base, outcome: { kind: 'status', status } })).toBe(true);
  });

  it.each([400, 401, 403, 404, 422, 500])('never retries %i', (status) => {
    expect(shouldRetry({ ...base, outcome: { kind: 'status', status } })).toBe(false);
  });

  it('retries connection errors and timeouts of idempotent requests', () => {
    expect(shouldRetry({ ...base, outcome: { kind: 'connection', sent: true } })).toBe(true);
    expect(shouldRetry({ ...base, outcome: { kind: 'timeout' } })).toBe(true);
  });

  it('never repeats a note or email send that may have reached Mautic', () => {
    const once = { ...base, idempotent: false };
    expect(shouldRetry({ ...once, outcome: { kind: 'status', status: 503 } })).toBe(false);
    expect(shouldRetry({ ...once, outcome: { kind: 'connection', sent: true } })).toBe(false);
    expect(shouldRetry({ ...once, outcome: { kind: 'timeout' } })).toBe(false);
  });

  it("repeats even a note after a 429: Mautic's rate limiter refuses before processing", () => {
    expect(shouldRetry({ ...base, idempotent: false, outcome: { kind: 'status', status: 429 } })).toBe(true);
  });

  it('repeats even a note when the connection was refused before sending', () => {
    expect(shouldRetry({ ...base, idempotent: false, outcome: { kind: 'connection', sent: false } })).toBe(true);
  });

  it('stops at maxRetries', () => {
    expect(shouldRetry({ ...base, retries: 2, outcome: { kind: 'status', status: 503 } })).toBe(false);
    expect(shouldRetry({ ...base, maxRetries: 0, outcome: { kind: 'timeout' } })).toBe(false);
  });
});

describe('retryDelay', () => {
  it('grows exponentially with jitter between half and the full step, capped', () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect(retryDelay(0, undefined, { random: low })).toBe(250);
    expect(retryDelay(0, undefined, { random: high })).toBe(500);
    expect(retryDelay(2, undefined, { random: high })).toBe(2000);
    expect(retryDelay(10, undefined, { random: high, maxDelayMs: 8000 })).toBe(8000);
  });

  it("waits until Mautic's X-RateLimit-Reset (epoch seconds)", () => {
    const now = 1_800_000_000_000;
    const headers = new Headers({ 'x-ratelimit-reset': String(now / 1000 + 3) });
    expect(retryDelay(0, headers, { now })).toBe(3000);
  });

  it('honours Retry-After in seconds and as a date', () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    expect(retryDelay(0, new Headers({ 'retry-after': '2' }), { now })).toBe(2000);
    expect(retryDelay(0, new Headers({ 'retry-after': 'Sat, 28 Nov 2026 12:00:05 GMT' }), { now })).toBe(5000);
  });

  it('gives up (null) when the reset is further away than the cap', () => {
    const now = 1_800_000_000_000;
    const headers = new Headers({ 'x-ratelimit-reset': String(now / 1000 + 3600) });
    expect(retryDelay(0, headers, { now, maxRateLimitWaitMs: 60_000 })).toBeNull();
  });
});
