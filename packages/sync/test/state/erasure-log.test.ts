import { describe, expect, it } from 'vitest';
import { emailHash, MemoryErasureLog } from '../../src';

describe('MemoryErasureLog', () => {
  it('a later erasure moves the time on; an older one recorded late does not move it back', async () => {
    const log = new MemoryErasureLog();
    const hash = await emailHash(' Ana@Example.com ');
    expect(hash).toBe(await emailHash('ana@example.com'));
    await log.record(hash, 2_000);
    await log.record(hash, 1_000);
    expect(await log.erasedAt(hash)).toBe(2_000);
    await log.record(hash, 3_000);
    expect(await log.erasedAt(hash)).toBe(3_000);
  });

  it('keeps the newest `limit` emails', async () => {
    const log = new MemoryErasureLog(2);
    for (const [i, email] of ['a@x.example', 'b@x.example', 'c@x.example'].entries()) {
      await log.record(await emailHash(email), i + 1);
    }
    expect(await log.erasedAt(await emailHash('a@x.example'))).toBeUndefined();
    expect(await log.erasedAt(await emailHash('c@x.example'))).toBe(3);
  });
});
