import type { TokenLockOptions, TokenSet, TokenStore } from '@mautic-woo/sync';
import { RedisLocks } from './lock';
import { RedisStore, type RedisStoreOptions } from './store';

/**
 * OAuth2 tokens on Redis, shared by every process of a deployment. `lock` lets one process
 * refresh while the others wait: Mautic rotates the refresh token on each refresh, so a second
 * refresh with the old one would fail with `invalid_grant`. Reading the store again once the lock
 * is held (somebody else may have refreshed meanwhile) is the token manager's part.
 */
export class RedisTokenStore extends RedisStore implements TokenStore {
  readonly #locks: RedisLocks;

  constructor(options: RedisStoreOptions) {
    super(options);
    this.#locks = new RedisLocks(this.opened.redis, this.keys.released);
  }

  async get(): Promise<TokenSet | null> {
    const stored = await this.opened.redis.get(this.keys.token);
    return stored === null ? null : (JSON.parse(stored) as TokenSet);
  }

  async set(tokens: TokenSet): Promise<void> {
    await this.opened.redis.set(this.keys.token, JSON.stringify(tokens));
  }

  lock<T>(refresh: () => Promise<T>, { ttlMs, signal }: TokenLockOptions): Promise<T> {
    // No renewal: `ttlMs` is the caller's bound on a refresh, after which the holder counts as dead.
    return this.#locks.run(this.keys.tokenLock, refresh, { ttlMs, signal });
  }

  override async close(): Promise<void> {
    await this.#locks.close();
    await super.close();
  }
}
