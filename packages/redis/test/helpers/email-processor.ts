import type { Redis } from 'ioredis';
import type { Delivery, RedisStepLedger } from '../../src';

export const SENT = 'test:sent';
export const SKIPPED = 'test:skipped';

/**
 * What the sync does with a status email: claim it in the ledger, send it, settle. "Sending"
 * appends to a Redis list, so every process's sends can be counted. `afterSend` runs between the
 * send and the settle: the window in which a crash leaves a claim nobody settles.
 */
export function emailProcessor(options: {
  who: string;
  redis: Redis;
  ledger: RedisStepLedger;
  claimTtlMs: number;
  afterSend?: () => Promise<void>;
}) {
  return async (delivery: Delivery): Promise<void> => {
    const key = { orderId: delivery.resourceId, status: 'completed', step: 'email' as const };
    const claim = await options.ledger.claim(key, { ttlMs: options.claimTtlMs });
    // A live claim elsewhere: its sender may still settle it; try again later.
    if (claim === 'pending') throw new Error('email claimed by another sender');
    if (claim !== 'claimed') {
      await options.redis.rpush(SKIPPED, `${options.who}:${claim}`);
      return;
    }
    await options.redis.rpush(SENT, `${options.who}:${delivery.id}`);
    await options.afterSend?.();
    await options.ledger.settle(key, 'done');
  };
}
