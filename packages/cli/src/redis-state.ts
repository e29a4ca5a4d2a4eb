import { RedisErasureLog, RedisKeyedSerializer, RedisStepLedger, RedisTokenStore } from '@mautic-woo/redis';
import { createMauticClient, type MauticClient } from '@mautic-woo/sync';
import type { MauticTarget } from './env-config';

/**
 * A sync client whose state lives on Redis, so every worker process shares it: the OAuth2 token set
 * (refreshed under a lock, one refresh per expiry), the record of notes and emails sent, and the
 * erasure tombstones (a customer erased by one worker is not brought back by another's late
 * delivery; kept forever, as a backfill re-run can reach an old order any time). The
 * one-customer-at-a-time lock on Redis (`serializer`) is the worker's, around each delivery: the
 * client keeps its in-process one, since a second Redis lock on the same customer inside the
 * worker's would wait for itself. A process with no such outer lock (a backfill beside the workers)
 * passes `clientLocksCustomers`, and its client takes the Redis lock itself.
 * With HTTP Basic auth there is no token to share.
 */
export function sharedClient(
  target: MauticTarget,
  redisUrl: string,
  prefix?: string,
  options: { timeoutMs?: number; clientLocksCustomers?: boolean } = {},
) {
  const { timeoutMs, clientLocksCustomers = false } = options;
  const connection = redisUrl;
  const stepLedger = new RedisStepLedger({ connection, prefix });
  const erasures = new RedisErasureLog({ connection, prefix });
  const serializer = new RedisKeyedSerializer({ connection, prefix });
  const tokenStore = target.auth.type === 'oauth2' ? new RedisTokenStore({ connection, prefix }) : undefined;
  const auth = tokenStore && target.auth.type === 'oauth2' ? { ...target.auth, tokenStore } : target.auth;
  const client: MauticClient = createMauticClient({
    baseUrl: target.baseUrl,
    auth,
    stepLedger,
    erasures,
    timeoutMs,
    ...(clientLocksCustomers ? { serializer } : {}),
  });
  return {
    client,
    serializer,
    async close() {
      await Promise.all([stepLedger.close(), erasures.close(), serializer.close(), tokenStore?.close()]);
    },
  };
}
