import { createMauticClient, MAUTIC_WOO_FIELDS } from '@mautic-woo/sync';
import { startFakeMautic } from '@mautic-woo/testkit';
import { createDeliveryProcessor, type Delivery } from '@mautic-woo/webhook';
import { describe, expect, it } from 'vitest';
import { RedisCustomerDirectory, RedisInputError } from '../src';
import { useRedis, withoutRedis } from './helpers/redis';

const EMAIL = 'Jane.Doe@Example.com';

describe.skipIf(withoutRedis)('RedisCustomerDirectory', () => {
  const redis = useRedis();
  const directory = (options: { retentionMs?: number | null; prefix?: string } = {}) =>
    redis.track(new RedisCustomerDirectory({ connection: redis.client(), ...options }));

  it("shows one process's customer to another (same prefix), not across prefixes, until erased", async () => {
    const a = directory();
    const b = directory();
    expect(await b.emailOf(26)).toBeUndefined();
    await a.remember(26, 'old@example.com');
    await a.remember(26, EMAIL);
    expect(await b.emailOf(26)).toBe(EMAIL);
    expect(await directory({ prefix: 'other-shop' }).emailOf(26)).toBeUndefined();
    await b.forget(26);
    expect(await a.emailOf(26)).toBeNull();
    // The id stays, as erased; the email is gone from Redis.
    expect(await redis.client().get('mautic-woo:customer:26')).toBe('');
  });

  it('keys by customer id: no email in a key name when Redis is scanned', async () => {
    await directory().remember(26, EMAIL);
    await directory().remember(27, 'john@example.com');
    const keys: string[] = [];
    const stream = redis.client().scanStream({ match: '*' });
    for await (const batch of stream) keys.push(...(batch as string[]));
    expect(keys.sort()).toEqual(['mautic-woo:customer:26', 'mautic-woo:customer:27']);
    expect(keys.join(' ').toLowerCase()).not.toMatch(/jane|john|example/);
  });

  it('keeps a customer forever by default, and retentionMs after its last delivery or erasure', async () => {
    const client = redis.client();
    await directory().remember(26, EMAIL);
    expect(await client.pttl('mautic-woo:customer:26')).toBe(-1);
    await directory({ retentionMs: 60_000 }).remember(27, 'kept.briefly@example.com');
    const ttl = await client.pttl('mautic-woo:customer:27');
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    // Seen again by a process without retention: kept until forgotten again.
    await directory().remember(27, 'kept.briefly@example.com');
    expect(await client.pttl('mautic-woo:customer:27')).toBe(-1);
    // An erased customer's key (no email in it) is kept as long as an email would be.
    await directory({ retentionMs: 60_000 }).forget(27);
    expect(await client.pttl('mautic-woo:customer:27')).toBeGreaterThan(50_000);
    await directory().forget(26);
    expect(await client.pttl('mautic-woo:customer:26')).toBe(-1);
  });

  it('refuses bad options and input with a typed error that never repeats the email', async () => {
    const connection = redis.client();
    for (const retentionMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new RedisCustomerDirectory({ connection, retentionMs })).toThrow(RedisInputError);
    }
    const customers = directory();
    for (const id of [0, -3, 1.5, Number.NaN, '26' as unknown as number]) {
      const error = await customers.remember(id, EMAIL).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RedisInputError);
      expect((error as Error).message).not.toContain('Jane');
      await expect(customers.emailOf(id)).rejects.toThrow(RedisInputError);
      await expect(customers.forget(id)).rejects.toThrow(RedisInputError);
    }
    for (const email of ['', null, 42]) {
      await expect(customers.remember(26, email as string)).rejects.toThrow(RedisInputError);
    }
    expect(await redis.client().dbsize()).toBe(0);
  });

  it("a worker erases a customer another worker saw: the processor's customer.deleted through Redis", async () => {
    const mautic = await startFakeMautic({ fields: MAUTIC_WOO_FIELDS.map((field) => field.alias) });
    try {
      const worker = () =>
        createDeliveryProcessor(
          createMauticClient({ baseUrl: mautic.url, auth: { type: 'basic', username: 'api', password: 'pw' } }),
          { customerDirectory: directory() },
        );
      const delivery = (topic: string, payload: { id: number }): Delivery => ({
        id: `${topic}-${payload.id}`,
        topic,
        resourceId: payload.id,
        modifiedAt: null,
        customerKey: null,
        payload,
        receivedAt: 1,
      });
      const email = 'registered@example.com';
      await worker()(delivery('customer.created', { id: 41, email, first_name: 'Reg' } as { id: number }));
      expect(mautic.mautic.contact(email)).toBeDefined();
      await worker()(delivery('customer.deleted', { id: 41 }));
      expect(mautic.mautic.contact(email)).toBeUndefined();
      expect(await redis.client().get('mautic-woo:customer:41')).toBe('');
      // Delivered again to a third worker (the first crashed before its job was recorded done): done, not unknown.
      await expect(worker()(delivery('customer.deleted', { id: 41 }))).resolves.toBeUndefined();
    } finally {
      await mautic.close();
    }
  });
});
