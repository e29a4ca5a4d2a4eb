import { describe, expect, it } from 'vitest';
import { Lanes } from '../src/file-queue/lanes';

describe('Lanes', () => {
  it('runs one delivery per lane, oldest lane first, a busy lane to the back', () => {
    const lanes = new Lanes();
    lanes.push('a', 'a1');
    lanes.push('a', 'a2');
    lanes.push('b', 'b1');
    expect(lanes.take()).toEqual({ lane: 'a', id: 'a1' });
    expect(lanes.take()).toEqual({ lane: 'b', id: 'b1' });
    expect(lanes.take()).toBeUndefined();
    lanes.finish('a', { done: true });
    lanes.push('c', 'c1');
    expect(lanes.take()).toEqual({ lane: 'a', id: 'a2' });
    expect(lanes.take()).toEqual({ lane: 'c', id: 'c1' });
    expect(lanes.activeCount).toBe(3);
  });

  it('holds a lane whose head failed until its retry is due, in due order, with the lane behind it', () => {
    const lanes = new Lanes();
    for (const [lane, due] of [
      ['x', 50],
      ['y', 10],
      ['z', 30],
      ['w', 20],
    ] as const) {
      lanes.push(lane, `${lane}1`);
      lanes.push(lane, `${lane}2`);
      lanes.take();
      lanes.finish(lane, { retryAt: due });
    }
    expect(lanes.take()).toBeUndefined();
    expect(lanes.promote(25)).toBe(30);
    expect([lanes.take(), lanes.take(), lanes.take()]).toEqual([
      { lane: 'y', id: 'y1' },
      { lane: 'w', id: 'w1' },
      undefined,
    ]);
    expect(lanes.promote(100)).toBeUndefined();
    expect([lanes.take()?.id, lanes.take()?.id]).toEqual(['z1', 'x1']);
  });
});
