import { describe, expect, it } from 'vitest';
import { MemoryKeyedSerializer } from '../../src';
import { runAll } from '../../src/state/keyed-serializer';

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

describe('runAll', () => {
  it('holds every key at once; two holders of overlapping keys, asked in opposite orders, both finish', async () => {
    const serializer = new MemoryKeyedSerializer();
    const events: string[] = [];
    const first = gate();
    const holding = gate();
    // Asked for in opposite orders: taken one at a time in these orders, they would each hold one and wait on the other.
    const one = runAll(serializer, ['a', 'b', 'c'], async () => {
      events.push('one holds a, b, c');
      holding.open();
      await first.opened;
    });
    const two = runAll(serializer, ['c', 'b', 'a'], async () => {
      events.push('two holds a, b, c');
    });
    await holding.opened;
    // While one holds them: a single-key run of a held key waits; one of a key nobody holds does not.
    const single = serializer.run('b', async () => {
      events.push('b alone');
    });
    await serializer.run('z', async () => {
      events.push('z');
    });
    expect(events).toEqual(['one holds a, b, c', 'z']);
    first.open();
    await Promise.all([one, two, single]);
    expect(events.slice(2).sort()).toEqual(['b alone', 'two holds a, b, c']);
  });

  it('runs the work once with no key, and each key once when repeated', async () => {
    const serializer = new MemoryKeyedSerializer();
    await expect(runAll(serializer, [], async () => 'nothing held')).resolves.toBe('nothing held');
    await expect(runAll(serializer, ['a', 'a'], async () => 'a once')).resolves.toBe('a once');
  });
});
