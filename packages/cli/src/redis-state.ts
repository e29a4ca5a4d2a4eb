import { RedisErasureLog, RedisKeyedSerializer, RedisStepLedger, RedisTokenStore } from '@mautic-woo/redis';
import { createMauticClient, type MauticClient } from '@mautic-woo/sync';
import type { MauticTarget } from './env-config';

/**
 * A sync client whose state lives on Redis, so every worker process shares it: the OAuth2 token set
 * (refreshed under a lock, one refresh per expiry), the record of notes and emails sent, the
 * erasure tombstones (a customer erased by one worker is not brought back by another's late
 * delivery; kept forever, as a backfill re-run can reach an old order any time) and the
 * one-customer-at-a-time lock. The worker runs each delivery in a lane of the same serializer; lanes
 * are keyed apart from customers (`lane:`), so the client's own lock inside one never waits for
 * itself, and it keeps a `customer.deleted` (whose lane is the customer id, not the email) apart from
 * that customer's orders on any worker, and a backfill beside the workers apart from both.
 * With HTTP Basic auth there is no token to share.
 */
export function sharedClient(
  target: MauticTarget,
  redisUrl: string,
  prefix?: string,
  options: { timeoutMs?: number } = {},
) {
  const { timeoutMs } = options;
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
    serializer,
  });
  return {
    client,
    serializer,
    async close() {
      await Promise.all([stepLedger.close(), erasures.close(), serializer.close(), tokenStore?.close()]);
    },
  };
}
