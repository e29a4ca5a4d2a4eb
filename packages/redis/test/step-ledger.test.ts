import { MemoryStepLedger, type StepKey, type StepLedger } from '@mautic-woo/sync';
import { describe, expect, it } from 'vitest';
import { RedisInputError, RedisStepLedger } from '../src';
import { useRedis, withoutRedis } from './helpers/redis';

const email: StepKey = { orderId: 42, status: 'completed', step: 'email' };
const note: StepKey = { orderId: 42, status: 'completed', step: 'note' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(withoutRedis)('RedisStepLedger', () => {
  const redis = useRedis();
  const ledger = (options: { retentionMs?: number | null } = {}) =>
    redis.track(new RedisStepLedger({ connection: redis.client(), ...options }));

  it('gives a step to exactly one of 10 connections claiming it at once', async () => {
    const ledgers = Array.from({ length: 10 }, () => ledger());
    for (let round = 0; round < 20; round++) {
      const key = { ...email, orderId: 100 + round };
      const results = await Promise.all(ledgers.map((l) => l.claim(key, { ttlMs: 60_000 })));
      expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
      expect(results.filter((r) => r === 'pending')).toHaveLength(9);
    }
  });

  // The same script of calls against the in-memory ledger and the Redis one: same answers.
  it.each([
    ['memory', () => new MemoryStepLedger() as StepLedger],
    ['redis', () => ledger() as StepLedger],
  ])('keeps the in-memory rules (%s)', async (_name, make) => {
    const a = make();
    const answers: unknown[] = [];
    answers.push(await a.claim(email, { ttlMs: 60_000 }));
    answers.push(await a.claim(email, { ttlMs: 60_000 }));
    await a.settle(email, 'done');
    answers.push(await a.claim(email, { ttlMs: 60_000 }));
    await a.record(email, 'uncertain');
    answers.push(await a.claim(email, { ttlMs: 60_000 }));
    answers.push(await a.claim(note, { ttlMs: 60_000 }));
    await a.settle(note, null);
    answers.push(await a.claim(note, { ttlMs: 60_000 }));
    await a.record(note, 'uncertain');
    answers.push(await a.claim(note, { ttlMs: 60_000 }));
    await a.record(note, 'done');
    answers.push(await a.claim(note, { ttlMs: 60_000 }));
    await a.forget([42]);
    answers.push(await a.claim(email, { ttlMs: 60_000 }));
    answers.push(await a.claim({ ...email, status: 'refunded' }, { ttlMs: 60_000 }));
    expect(answers).toEqual([
      'claimed',
      'pending',
      'done',
      'done',
      'claimed',
      'claimed',
      'uncertain',
      'done',
      'claimed',
      'claimed',
    ]);
  });

  it("reads a claim whose holder died as 'uncertain' once its ttl has passed", async () => {
    const dead = ledger();
    const other = ledger();
    expect(await dead.claim(email, { ttlMs: 50 })).toBe('claimed');
    expect(await other.claim(email, { ttlMs: 50 })).toBe('pending');
    // Expiry is measured on Redis's clock; waiting longer than the ttl is all that matters.
    await sleep(80);
    expect(await other.claim(email, { ttlMs: 50 })).toBe('uncertain');
    expect(await other.claim(email, { ttlMs: 50 })).toBe('uncertain');
  });

  it('forgets every step of the given orders and no others', async () => {
    const l = ledger();
    await l.record(email, 'done');
    await l.record({ ...email, orderId: 7 }, 'done');
    await l.forget([42]);
    expect(await l.claim(email, { ttlMs: 1000 })).toBe('claimed');
    expect(await l.claim({ ...email, orderId: 7 }, { ttlMs: 1000 })).toBe('done');
  });

  it('keeps an order for retentionMs after its last change, or forever with null', async () => {
    const client = redis.client();
    await ledger({ retentionMs: 60_000 }).record(email, 'done');
    const ttl = await client.pttl('mautic-woo:steps:42');
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await ledger({ retentionMs: null }).record({ ...email, orderId: 8 }, 'done');
    expect(await client.pttl('mautic-woo:steps:8')).toBe(-1);
  });

  it('refuses a malformed key with a typed error before Redis is asked', async () => {
    const l = ledger();
    await expect(l.claim({ ...email, orderId: 0 }, { ttlMs: 1 })).rejects.toThrow(RedisInputError);
    await expect(l.claim({ ...email, status: '' }, { ttlMs: 1 })).rejects.toThrow(RedisInputError);
    await expect(l.claim({ ...email, step: 'sms' as 'email' }, { ttlMs: 1 })).rejects.toThrow(RedisInputError);
    await expect(l.claim(email, { ttlMs: 0 })).rejects.toThrow(RedisInputError);
    await expect(l.record(email, 'claimed' as 'done')).rejects.toThrow(RedisInputError);
  });
});
