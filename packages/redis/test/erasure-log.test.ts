import { emailHash } from '@mautic-woo/sync';
import { describe, expect, it } from 'vitest';
import { RedisErasureLog, RedisInputError } from '../src';
import { useRedis, withoutRedis } from './helpers/redis';

const EMAIL = 'Jane.Doe@Example.com';
const T0 = Date.UTC(2026, 10, 1, 10, 0, 0);

describe.skipIf(withoutRedis)('RedisErasureLog', () => {
  const redis = useRedis();
  const log = (options: { retentionMs?: number | null; prefix?: string } = {}) =>
    redis.track(new RedisErasureLog({ connection: redis.client(), ...options }));

  it('keeps the erasure time, moves it on for a later erasure and never back for an earlier one', async () => {
    const hash = await emailHash(EMAIL);
    const erasures = log();
    expect(await erasures.erasedAt(hash)).toBeUndefined();
    await erasures.record(hash, T0);
    expect(await erasures.erasedAt(hash)).toBe(T0);
    await erasures.record(hash, T0 + 5000);
    expect(await erasures.erasedAt(hash)).toBe(T0 + 5000);
    await erasures.record(hash, T0 + 1000);
    expect(await erasures.erasedAt(hash)).toBe(T0 + 5000);
    expect(await erasures.erasedAt(await emailHash('someone.else@example.com'))).toBeUndefined();
  });

  it("shows one process's tombstone to another (same prefix), and not across prefixes", async () => {
    const hash = await emailHash(EMAIL);
    await log().record(hash, T0);
    expect(await log().erasedAt(hash)).toBe(T0);
    expect(await log({ prefix: 'other-shop' }).erasedAt(hash)).toBeUndefined();
  });

  it('leaves the newest time when two processes record the same email at once', async () => {
    const a = log();
    const b = log();
    for (let round = 0; round < 20; round++) {
      const hash = await emailHash(`race-${round}@example.com`);
      // Each process sends its times in an order the other does not: only the maximum may survive.
      const timesA = [T0 + 3, T0 + 1, T0 + 40 + round, T0 + 2];
      const timesB = [T0 + 39 + round, T0, T0 + 5, T0 + 4];
      await Promise.all([...timesA.map((t) => a.record(hash, t)), ...timesB.map((t) => b.record(hash, t))]);
      expect(await a.erasedAt(hash)).toBe(T0 + 40 + round);
    }
  });

  it('puts only the hash in key names and values: no email can be found by scanning Redis', async () => {
    const erasures = log();
    await erasures.record(await emailHash(EMAIL), T0);
    const client = redis.client();
    const keys = await client.keys('*');
    expect(keys).toEqual([`mautic-woo:erased:${await emailHash(EMAIL)}`]);
    const dump = JSON.stringify([keys, await client.get(keys[0] as string)]).toLowerCase();
    expect(dump).not.toContain('jane');
    expect(dump).not.toContain('example.com');
  });

  it('keeps a tombstone forever by default, and retentionMs after it was recorded', async () => {
    const client = redis.client();
    const hash = await emailHash(EMAIL);
    await log().record(hash, T0);
    expect(await client.pttl(`mautic-woo:erased:${hash}`)).toBe(-1);
    const other = await emailHash('kept.briefly@example.com');
    await log({ retentionMs: 60_000 }).record(other, T0);
    const ttl = await client.pttl(`mautic-woo:erased:${other}`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    // A later erasure with no retention keeps it forever again.
    await log().record(other, T0 + 1);
    expect(await client.pttl(`mautic-woo:erased:${other}`)).toBe(-1);
  });

  it('refuses bad options and input with a typed error that never repeats the email', async () => {
    const connection = redis.client();
    for (const retentionMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new RedisErasureLog({ connection, retentionMs })).toThrow(RedisInputError);
    }
    const erasures = log();
    const error = await erasures.record(EMAIL, T0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisInputError);
    expect(String((error as Error).message)).not.toContain('Jane');
    await expect(erasures.erasedAt(EMAIL)).rejects.toThrow(RedisInputError);
    const hash = await emailHash(EMAIL);
    await expect(erasures.record(hash, Number.NaN)).rejects.toThrow(RedisInputError);
    await expect(erasures.record(hash, -1)).rejects.toThrow(RedisInputError);
    await expect(erasures.record(hash, 1.5)).rejects.toThrow(RedisInputError);
    expect(await redis.client().dbsize()).toBe(0);
  });
});
