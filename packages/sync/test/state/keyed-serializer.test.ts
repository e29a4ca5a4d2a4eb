import { describe, expect, it } from 'vitest';
import { MemoryKeyedSerializer } from '../../src';

/** A promise and the function that settles it, so a test decides when work ends. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('MemoryKeyedSerializer', () => {
  it('runs one piece of work at a time per key, in call order, and other keys at once', async () => {
    const serializer = new MemoryKeyedSerializer();
    const events: string[] = [];
    const first = gate();
    const a1 = serializer.run('a', async () => {
      events.push('a1 start');
      await first.opened;
      events.push('a1 end');
    });
    const a2 = serializer.run('a', async () => {
      events.push('a2 start');
    });
    await serializer.run('b', async () => {
      events.push('b');
    });
    expect(events).toEqual(['a1 start', 'b']);
    first.open();
    await Promise.all([a1, a2]);
    expect(events).toEqual(['a1 start', 'b', 'a1 end', 'a2 start']);
  });

  it('a failure belongs to its caller: the next work of the key still runs', async () => {
    const serializer = new MemoryKeyedSerializer();
    const failed = serializer.run('a', async () => {
      throw new Error('boom');
    });
    const next = serializer.run('a', async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});
