import { createMauticClient, type MauticClient } from '@mautic-woo/sync';
import type { MauticTarget } from './env-config';

/**
 * Every call the CLI makes on the sync client, in one place: the commands talk to this object, so
 * a change in the client's API is a change in this file only.
 */
export function connectTo(target: MauticTarget, options: { maxRetries?: number } = {}) {
  const client: MauticClient = createMauticClient({ baseUrl: target.baseUrl, auth: target.auth, ...options });
  return {
    testConnection: () => client.testConnection(),
    checkFields: () => client.fields.check(),
    ensureFields: () => client.fields.ensure(),
    syncOrder: (...args: Parameters<MauticClient['syncOrder']>) => client.syncOrder(...args),
    syncOrders: (...args: Parameters<MauticClient['syncOrders']>) => client.syncOrders(...args),
  };
}

export type Mautic = ReturnType<typeof connectTo>;
