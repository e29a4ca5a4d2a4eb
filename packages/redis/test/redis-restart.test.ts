import { rmSync } from 'node:fs';
import { startRedis } from '@mautic-woo/testkit';
import { describe, expect, it } from 'vitest';
import { createRedisQueue } from '../src';
import { orderDelivery } from './helpers/deliveries';
import { withoutRedis } from './helpers/redis';

describe.skipIf(withoutRedis)('a Redis with appendonly yes that crashes', () => {
  it('still holds every accepted delivery and every delivery id after kill -9 and a restart', async () => {
    const first = await startRedis({ appendonly: true });
    const { dir } = first;
    const deliveries = Array.from({ length: 50 }, () => orderDelivery());
    const before = createRedisQueue({ connection: first.url });
    for (const d of deliveries) expect(await before.enqueue(d)).toBe('accepted');
    await first.kill();
    await before.close().catch(() => undefined);

    const second = await startRedis({ appendonly: true, dir });
    const after = createRedisQueue({ connection: second.url });
    try {
      expect((await after.counts()).waiting).toBe(50);
      for (const d of deliveries) expect(await after.enqueue(d)).toBe('duplicate');
    } finally {
      await after.close();
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
