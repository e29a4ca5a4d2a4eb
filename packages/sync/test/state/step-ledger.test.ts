import { describe, expect, it } from 'vitest';
import { MemoryStepLedger, type StepKey } from '../../src';

const key: StepKey = { orderId: 727, status: 'completed', step: 'email' };

describe('MemoryStepLedger', () => {
  it('grants one claim; the others see it pending, then what it settled to', async () => {
    const ledger = new MemoryStepLedger();
    const claims = await Promise.all(Array.from({ length: 10 }, () => ledger.claim(key, { ttlMs: 60_000 })));
    expect(claims.filter((c) => c === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c === 'pending')).toHaveLength(9);
    await ledger.settle(key, 'done');
    expect(await ledger.claim(key, { ttlMs: 60_000 })).toBe('done');
  });

  it('a released claim may be claimed again; another status is another step', async () => {
    const ledger = new MemoryStepLedger();
    expect(await ledger.claim(key, { ttlMs: 60_000 })).toBe('claimed');
    await ledger.settle(key, null);
    expect(await ledger.claim(key, { ttlMs: 60_000 })).toBe('claimed');
    expect(await ledger.claim({ ...key, status: 'refunded' }, { ttlMs: 60_000 })).toBe('claimed');
  });

  it('reads a claim whose holder never settled it as uncertain once its lifetime is over', async () => {
    let now = 1_000;
    const ledger = new MemoryStepLedger(100, () => now);
    expect(await ledger.claim(key, { ttlMs: 500 })).toBe('claimed');
    now += 499;
    expect(await ledger.claim(key, { ttlMs: 500 })).toBe('pending');
    now += 2;
    expect(await ledger.claim(key, { ttlMs: 500 })).toBe('uncertain');
  });

  it('record never turns done back into uncertain; forget drops every step of an order', async () => {
    const ledger = new MemoryStepLedger();
    await ledger.record(key, 'done');
    await ledger.record(key, 'uncertain');
    expect(await ledger.claim(key, { ttlMs: 1 })).toBe('done');
    await ledger.record({ ...key, step: 'note' }, 'uncertain');
    await ledger.forget([727]);
    expect(await ledger.claim(key, { ttlMs: 1 })).toBe('claimed');
    expect(await ledger.claim({ ...key, step: 'note' }, { ttlMs: 1 })).toBe('claimed');
  });

  it('stays bounded: the oldest entries go first', async () => {
    const ledger = new MemoryStepLedger(3);
    for (let id = 1; id <= 4; id++) await ledger.record({ ...key, orderId: id }, 'done');
    expect(await ledger.claim({ ...key, orderId: 1 }, { ttlMs: 1 })).toBe('claimed');
    expect(await ledger.claim({ ...key, orderId: 4 }, { ttlMs: 1 })).toBe('done');
  });
});
