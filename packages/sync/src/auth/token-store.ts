/** An OAuth2 token set as this package keeps it. `expiresAt` is epoch milliseconds. */
export interface TokenSet {
  accessToken: string;
  /** Absent for client_credentials; rotated by Mautic on every refresh. */
  refreshToken?: string | undefined;
  /** Epoch ms; `null` or absent: unknown, used until Mautic answers 401. */
  expiresAt?: number | null | undefined;
  /**
   * How long the access token lived when issued (`expires_in`, in ms), so every process sharing the
   * store refreshes it as early as the one that obtained it (a quarter of a short life, not a minute).
   */
  lifetimeMs?: number | null | undefined;
}

export interface TokenLockOptions {
  /** How long the lock may be held before another process may take it (the holder died). */
  ttlMs: number;
  /** Stops waiting for the lock (not the refresh of whoever holds it). */
  signal?: AbortSignal | undefined;
}

/**
 * Where tokens live between requests. The default keeps them in memory. A store shared by several
 * processes (Redis, a database row) must also implement `lock`: Mautic rotates the refresh token on
 * every refresh, so two processes refreshing at once burn it. The token manager takes the lock,
 * reads the store again inside it, and refreshes only if nobody else already did.
 */
export interface TokenStore {
  get(): TokenSet | null | Promise<TokenSet | null>;
  set(tokens: TokenSet): void | Promise<void>;
  /** Runs `refresh` while holding a lock shared by every user of this store. Absent: no other process shares it. */
  lock?<T>(refresh: () => Promise<T>, options: TokenLockOptions): Promise<T>;
}

export class MemoryTokenStore implements TokenStore {
  #tokens: TokenSet | null;

  constructor(initial: TokenSet | null = null) {
    this.#tokens = initial;
  }

  get(): TokenSet | null {
    return this.#tokens;
  }

  set(tokens: TokenSet): void {
    this.#tokens = tokens;
  }
}
