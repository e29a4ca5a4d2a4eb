import { type ScriptedServer, startScriptedServer } from '@mautic-woo/testkit';
import { afterEach, beforeEach } from 'vitest';
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

export function basicClient(server: { url: string }, options: Partial<MauticClientOptions> = {}) {
  return createMauticClient({
    baseUrl: server.url,
    auth: { type: 'basic', username: 'api', password: PASSWORD },
    logger: testLogger,
    retryDelays: fastRetries,
    ...options,
  });
}

export function oauthClient(
  server: { url: string },
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

/**
 * A scripted server started before and closed after each test of the calling file; the returned
 * object always forwards to the current test's server.
 */
export function useScriptedServer(): ScriptedServer {
  let current: ScriptedServer | undefined;
  beforeEach(async () => {
    current = await startScriptedServer();
  });
  afterEach(async () => {
    await current?.close();
  });
  return new Proxy({} as ScriptedServer, {
    get: (_, key) => {
      if (!current) throw new Error('useScriptedServer: no test is running');
      const value = current[key as keyof ScriptedServer];
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}

/** The URL of a port that nothing listens on any more. */
export async function closedUrl(): Promise<string> {
  const server = await startScriptedServer();
  await server.close();
  return server.url;
}
