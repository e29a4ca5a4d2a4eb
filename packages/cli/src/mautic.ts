import { createMauticClient, type MauticClient } from '@mautic-woo/sync';
import type { MauticTarget } from './env-config';
import { sharedClient } from './redis-state';

export interface ConnectOptions {
  maxRetries?: number;
  /** The workers' Redis: tokens, the record of notes and emails sent and the erasures are shared. */
  redisUrl?: string | undefined;
  prefix?: string | undefined;
}

/**
 * Every call the CLI makes on the sync client, in one place: the commands talk to this object, so
 * a change in the client's API is a change in this file only.
 */
export function connectTo(target: MauticTarget, options: ConnectOptions = {}) {
  const { redisUrl, prefix, ...clientOptions } = options;
  // The customers' Redis lock, the tokens, steps and erasures the workers share (redis-state.ts).
  const shared = redisUrl ? sharedClient(target, redisUrl, prefix) : undefined;
  const client: MauticClient =
    shared?.client ?? createMauticClient({ baseUrl: target.baseUrl, auth: target.auth, ...clientOptions });
  return {
    close: async () => shared?.close(),
    testConnection: () => client.testConnection(),
    checkFields: () => client.fields.check(),
    ensureFields: () => client.fields.ensure(),
    syncOrder: (...args: Parameters<MauticClient['syncOrder']>) => client.syncOrder(...args),
    syncOrders: (...args: Parameters<MauticClient['syncOrders']>) => client.syncOrders(...args),
  };
}

export type Mautic = ReturnType<typeof connectTo>;
