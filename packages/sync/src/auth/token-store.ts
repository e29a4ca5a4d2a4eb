/** An OAuth2 token set as this package keeps it. `expiresAt` is epoch milliseconds. */
export interface TokenSet {
  accessToken: string;
  /** Absent for client_credentials; rotated by Mautic on every refresh. */
  refreshToken?: string | undefined;
  expiresAt: number | null;
}

/**
 * Where tokens live between requests. The default keeps them in memory; a shared store (Redis,
 * a database row) lets several processes use one token set: the manager reads the store again
 * before refreshing, so a token another process refreshed is picked up instead of refreshed twice.
 */
export interface TokenStore {
  get(): TokenSet | null | Promise<TokenSet | null>;
  set(tokens: TokenSet): void | Promise<void>;
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
