import type { TokenSet } from '@mautic-woo/sync';
import { describe, expect, it } from 'vitest';
import { RedisTokenStore } from '../src';
import { redisKeys } from '../src/keys';
import { deferred, useRedis, withoutRedis } from './helpers/redis';

/** A token endpoint that rotates the refresh token and refuses an old one, like Mautic's. */
function tokenEndpoint() {
  let current = 'refresh-0';
  let refreshes = 0;
  let invalidGrants = 0;
  return {
    get refreshes() {
      return refreshes;
    },
    get invalidGrants() {
      return invalidGrants;
    },
    refresh(refreshToken: string | undefined): TokenSet {
      if (refreshToken !== current) {
        invalidGrants++;
        throw new Error('invalid_grant');
      }
      refreshes++;
      current = `refresh-${refreshes}`;
      return { accessToken: `access-${refreshes}`, refreshToken: current, expiresAt: Number.MAX_SAFE_INTEGER };
    },
  };
}

describe.skipIf(withoutRedis)('RedisTokenStore', () => {
  const redis = useRedis();

  it('keeps a token set between processes', async () => {
    const a = redis.track(new RedisTokenStore({ connection: redis.client() }));
    const b = redis.track(new RedisTokenStore({ connection: redis.client() }));
    expect(await b.get()).toBeNull();
    await a.set({ accessToken: 'a', refreshToken: 'r', expiresAt: 123 });
    expect(await b.get()).toEqual({ accessToken: 'a', refreshToken: 'r', expiresAt: 123 });
  });

  it('makes exactly one refresh per expiry when 8 processes find the token expired at once', async () => {
    const endpoint = tokenEndpoint();
    const processes = Array.from({ length: 8 }, () => redis.track(new RedisTokenStore({ connection: redis.client() })));
    const [first] = processes;
    await first?.set({ accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: 0 });
    const expiries = 5;

    for (let expiry = 1; expiry <= expiries; expiry++) {
      // The holder keeps the lock until every process has asked for it, so they all contend.
      let asked = 0;
      const everyoneAsked = deferred();
      const tokens = await Promise.all(
        processes.map(async (store) => {
          const seen = await store.get();
          if (seen && (seen.expiresAt ?? 0) > expiry) return seen.accessToken;
          if (++asked === processes.length) everyoneAsked.resolve();
          // The token manager's part: read again inside the lock, refresh only if still expired.
          return store.lock(
            async () => {
              const again = await store.get();
              if (again && (again.expiresAt ?? 0) > expiry) return again.accessToken;
              await everyoneAsked.promise;
              const fresh = endpoint.refresh(again?.refreshToken);
              await store.set({ ...fresh, expiresAt: expiry + 0.5 });
              return fresh.accessToken;
            },
            { ttlMs: 10_000 },
          );
        }),
      );
      expect(new Set(tokens)).toEqual(new Set([`access-${expiry}`]));
    }
    expect(endpoint.refreshes).toBe(expiries);
    expect(endpoint.invalidGrants).toBe(0);
  });

  it('takes the lock over from a holder that died once its ttl has passed', async () => {
    const client = redis.client();
    // A process that took the lock for 300 ms and crashed: nobody will release it.
    await client.set(redisKeys('mautic-woo').tokenLock, 'dead-holder', 'PX', 300);
    const store = redis.track(new RedisTokenStore({ connection: redis.client() }));
    expect(await store.lock(async () => 'refreshed', { ttlMs: 5000 })).toBe('refreshed');
    expect(await client.exists(redisKeys('mautic-woo').tokenLock)).toBe(0);
  });

  it('stops waiting when the signal aborts, and leaves the holder alone', async () => {
    const holder = redis.track(new RedisTokenStore({ connection: redis.client() }));
    const waiter = redis.track(new RedisTokenStore({ connection: redis.client() }));
    const holding = deferred();
    const release = deferred();
    const held = holder.lock(
      async () => {
        holding.resolve();
        await release.promise;
        return 'holder done';
      },
      { ttlMs: 30_000 },
    );
    await holding.promise;
    const controller = new AbortController();
    let ran = false;
    const waiting = waiter.lock(
      async () => {
        ran = true;
      },
      { ttlMs: 30_000, signal: controller.signal },
    );
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    release.resolve();
    expect(await held).toBe('holder done');
    expect(ran).toBe(false);
    // Released by its holder: the next one takes it at once.
    expect(await waiter.lock(async () => 'next', { ttlMs: 30_000 })).toBe('next');
  });

  it('does not release a lock that another process took after the holder outlived its ttl', async () => {
    const client = redis.client();
    const key = redisKeys('mautic-woo').tokenLock;
    const slow = redis.track(new RedisTokenStore({ connection: redis.client() }));
    await slow.lock(
      async () => {
        // The ttl ran out mid-refresh and someone else took the lock.
        await client.set(key, 'someone-else', 'PX', 30_000);
      },
      { ttlMs: 30_000 },
    );
    expect(await client.get(key)).toBe('someone-else');
  });
});
