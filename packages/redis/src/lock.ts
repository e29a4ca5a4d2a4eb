import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LuaScript } from './lua';

// Takes the lock, or answers how long its holder still has (ms), so a waiter knows when a holder
// that died without releasing stops counting.
const acquireScript = new LuaScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 'OK' end
return redis.call('PTTL', KEYS[1])
`);
// Only the holder's token releases or extends: a holder that outlived its ttl must not free or
// keep the lock someone else has taken since.
const releaseScript = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[2], KEYS[1])
return 1
`);
const renewScript = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`);

/**
 * PTTL's answer as a wait: -2, the lock vanished meanwhile (try again at once); -1, a key someone
 * set by hand without expiry (wait a ttl rather than spin).
 */
const holderLeftMs = (pttl: number, ttlMs: number) => (pttl >= 0 ? pttl : pttl === -2 ? 0 : ttlMs);

export interface LockOptions {
  /** How long the lock outlives a holder that died. */
  ttlMs: number;
  /** Extends the lock every ttl/3 while the work runs, so only a dead holder loses it. */
  renew?: boolean;
  /** Stops waiting for the lock (not the work once it runs). */
  signal?: AbortSignal | undefined;
}

/**
 * Named locks on Redis (SET NX PX, token-checked release). A waiter sleeps until a release is
 * published on the channel or, if the holder died, until its lock expires; it never polls.
 */
export class RedisLocks {
  readonly #waiters = new Map<string, Set<() => void>>();
  #subscriber: Promise<Redis> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly channel: string,
  ) {}

  async run<T>(key: string, work: () => Promise<T>, options: LockOptions): Promise<T> {
    const token = await this.#acquire(key, options);
    const renewal = options.renew ? this.#renewEvery(key, token, options.ttlMs) : undefined;
    try {
      return await work();
    } finally {
      if (renewal) clearInterval(renewal);
      // The work is done and its result stands; a lock we could not release expires on its own.
      await releaseScript.run(this.redis, [key], [token, this.channel]).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const subscriber = this.#subscriber;
    this.#subscriber = undefined;
    if (subscriber) await (await subscriber).quit().catch(() => undefined);
  }

  async #acquire(key: string, { ttlMs, signal }: LockOptions): Promise<string> {
    signal?.throwIfAborted();
    const token = randomUUID();
    let remaining = await acquireScript.run(this.redis, [key], [token, ttlMs]);
    if (remaining === 'OK') return token;
    // Listen before trying again: a release between the try and the wait is then not missed.
    await this.#subscribe();
    for (;;) {
      const woken = this.#waitFor(key, holderLeftMs(Number(remaining), ttlMs), signal);
      try {
        remaining = await acquireScript.run(this.redis, [key], [token, ttlMs]);
        if (remaining === 'OK') return token;
        await woken.promise;
      } finally {
        woken.cancel();
      }
    }
  }

  #renewEvery(key: string, token: string, ttlMs: number): ReturnType<typeof setInterval> {
    const timer = setInterval(
      () => {
        // A failed renewal (Redis away) is retried at the next tick; the ttl covers the gap. A lock
        // found taken (this process stalled past its ttl) cannot be won back: the work runs on.
        renewScript.run(this.redis, [key], [token, ttlMs]).catch(() => undefined);
      },
      Math.max(1, Math.floor(ttlMs / 3)),
    );
    timer.unref?.();
    return timer;
  }

  /** Resolves on a release of `key`, once the current holder's ttl has run out, or rejects on abort. */
  #waitFor(key: string, holderMs: number, signal: AbortSignal | undefined) {
    let cancel: () => void = () => undefined;
    const promise = new Promise<void>((resolve, reject) => {
      const waiters = this.#waiters.get(key) ?? new Set();
      this.#waiters.set(key, waiters);
      const onAbort = () => reject(signal?.reason);
      const timer = setTimeout(resolve, holderMs);
      waiters.add(resolve);
      signal?.addEventListener('abort', onAbort, { once: true });
      cancel = () => {
        clearTimeout(timer);
        waiters.delete(resolve);
        if (waiters.size === 0) this.#waiters.delete(key);
        signal?.removeEventListener('abort', onAbort);
      };
      if (signal?.aborted) onAbort();
    });
    // An abort during the next acquire attempt rejects before anyone awaits; it is seen right after.
    promise.catch(() => undefined);
    return { promise, cancel: () => cancel() };
  }

  #subscribe(): Promise<Redis> {
    this.#subscriber ??= (async () => {
      const subscriber = this.redis.duplicate();
      // A lost subscription only delays a waiter until the holder's ttl; ioredis resubscribes.
      subscriber.on('error', () => undefined);
      subscriber.on('message', (_channel: string, key: string) => {
        for (const wake of this.#waiters.get(key) ?? []) wake();
      });
      await subscriber.subscribe(this.channel);
      return subscriber;
    })();
    return this.#subscriber;
  }
}
