import type { ScriptedServer } from '@mautic-woo/testkit';
import { createMauticClient, type MauticClientOptions, MauticError } from '../../src';

/**
 * Every credential in this suite carries the marker S3CR3T, so the scan after each file (see
 * secret-scan.setup.ts) finds any of them, in any error or log line, whatever its value.
 */
export const MARKER = 'S3CR3T';
export const PASSWORD = `pässwörd-${MARKER}-1`;
export const CLIENT_SECRET = `client-${MARKER}-2`;
export const token = (n: number | string) => `access-${MARKER}-${n}`;
export const refresh = (n: number | string) => `refresh-${MARKER}-${n}`;

export const recorded = { lines: [] as string[], errors: [] as unknown[] };

export const testLogger = {
  debug: (message: string, meta?: Record<string, unknown>) => recorded.lines.push(`${message} ${JSON.stringify(meta)}`),
  info: (message: string, meta?: Record<string, unknown>) => recorded.lines.push(`${message} ${JSON.stringify(meta)}`),
  warn: (message: string, meta?: Record<string, unknown>) => recorded.lines.push(`${message} ${JSON.stringify(meta)}`),
  error: (message: string, meta?: Record<string, unknown>) => recorded.lines.push(`${message} ${JSON.stringify(meta)}`),
};

/** Fast backoff so retry tests take milliseconds; the policy is the same. */
export const fastRetries = { baseDelayMs: 5, maxDelayMs: 20, maxRateLimitWaitMs: 3_000 };

export function basicClient(server: ScriptedServer, options: Partial<MauticClientOptions> = {}) {
  return createMauticClient({
    baseUrl: server.url,
    auth: { type: 'basic', username: 'api', password: PASSWORD },
    logger: testLogger,
    retryDelays: fastRetries,
    ...options,
  });
}

export function oauthClient(
  server: ScriptedServer,
  auth: Partial<Extract<MauticClientOptions['auth'], { type: 'oauth2' }>> = {},
  options: Partial<MauticClientOptions> = {},
) {
  return createMauticClient({
    baseUrl: server.url,
    auth: { type: 'oauth2', clientId: 'client-id', clientSecret: CLIENT_SECRET, ...auth },
    logger: testLogger,
    retryDelays: fastRetries,
    ...options,
  });
}

/** The error a promise rejects with (recorded for the secret scan); fails if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<MauticError> {
  try {
    await promise;
  } catch (error) {
    recorded.errors.push(error);
    if (!(error instanceof MauticError)) throw new Error(`expected a MauticError, got ${String(error)}`);
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** Like `rejection`, for a call that may throw synchronously as well. */
export function refusal(call: () => unknown): Promise<MauticError> {
  return rejection(Promise.resolve().then(call));
}
