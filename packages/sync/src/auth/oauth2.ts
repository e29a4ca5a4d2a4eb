import { MauticAuthError, MauticInvalidInputError } from '../errors';
import type { Logger } from '../logger';
import type { SecretSet } from '../transport/redact';
import type { Credential, Credentials } from '../transport/request';
import { MemoryTokenStore, type TokenSet, type TokenStore } from './token-store';

export interface OAuth2Auth {
  type: 'oauth2';
  clientId: string;
  clientSecret: string;
  accessToken?: string | undefined;
  refreshToken?: string | undefined;
  /** When `accessToken` expires, epoch ms. Unknown means "use it until Mautic says 401". */
  expiresAt?: number | null | undefined;
  /** Called with every new token set; persist `refreshToken` here, since Mautic rotates it. */
  onTokens?: (tokens: TokenSet) => void | Promise<void>;
  tokenStore?: TokenStore;
}

export type TokenGrant =
  | { grant_type: 'client_credentials' }
  | { grant_type: 'refresh_token'; refresh_token: string }
  | { grant_type: 'authorization_code'; code: string; redirect_uri: string };

export interface TokenAnswer {
  access_token: string;
  expires_in?: number | null;
  refresh_token?: string | null;
}

/** Sends a token request (no retries for rotating grants: see auth/token-endpoint.ts). */
export type RequestToken = (grant: TokenGrant, signal?: AbortSignal) => Promise<TokenAnswer>;

// Refresh this long before expiry, so a request does not leave with a token about to lapse; for a
// token that lives only a minute or two (Mautic's lifetime is configurable down to 1 minute) a
// quarter of its life, or every request would refresh it.
const REFRESH_MARGIN_MS = 60_000;
const marginFor = (lifetimeMs: number | null) =>
  lifetimeMs === null ? REFRESH_MARGIN_MS : Math.min(REFRESH_MARGIN_MS, lifetimeMs / 4);
// How long a process may hold the shared refresh lock before the others count it as dead: longer
// than one token request (no retries: see token-endpoint.ts) at the default 30 s timeout.
const REFRESH_LOCK_TTL_MS = 45_000;

export interface TokenManager extends Credentials {
  /** Trades a browser-flow code for tokens, stores them and reports them to onTokens. */
  exchange(grant: TokenGrant, signal?: AbortSignal): Promise<TokenSet>;
}

export function oauth2Credentials(
  auth: OAuth2Auth,
  requestToken: RequestToken,
  secrets: SecretSet,
  logger: Logger,
  now: () => number = Date.now,
): TokenManager {
  secrets.add(auth.clientSecret, auth.accessToken, auth.refreshToken);
  const store: TokenStore =
    auth.tokenStore ??
    new MemoryTokenStore(
      auth.accessToken || auth.refreshToken
        ? { accessToken: auth.accessToken ?? '', refreshToken: auth.refreshToken, expiresAt: auth.expiresAt ?? null }
        : null,
    );
  let inflight: Promise<TokenSet> | null = null;

  // The lifetime travels with the token set, so a token another process obtained gets the same margin.
  const usable = (tokens: TokenSet | null): tokens is TokenSet =>
    !!tokens?.accessToken &&
    (tokens.expiresAt == null || tokens.expiresAt - marginFor(tokens.lifetimeMs ?? null) > now());

  async function obtain(grant: TokenGrant, previous: TokenSet | null, signal?: AbortSignal): Promise<TokenSet> {
    let answer: TokenAnswer;
    try {
      answer = await requestToken(grant, signal);
    } catch (error) {
      if (error instanceof MauticAuthError && grant.grant_type === 'refresh_token') {
        logger.warn(`refresh token refused (${error.type ?? error.status}); re-authorization is needed`);
      }
      throw error;
    }
    const tokens: TokenSet = {
      accessToken: answer.access_token,
      // Rotation: a refresh answer carries the new refresh token; the old one is dead now.
      refreshToken:
        answer.refresh_token ?? (grant.grant_type === 'client_credentials' ? undefined : previous?.refreshToken),
      expiresAt: typeof answer.expires_in === 'number' ? now() + answer.expires_in * 1000 : null,
      lifetimeMs: typeof answer.expires_in === 'number' ? answer.expires_in * 1000 : null,
    };
    secrets.add(tokens.accessToken, tokens.refreshToken);
    await store.set(tokens);
    try {
      await auth.onTokens?.(tokens);
    } catch (error) {
      logger.error(`onTokens threw; the new tokens are in use but were not persisted: ${String(error)}`);
    }
    return tokens;
  }

  async function refreshOnce(stale: TokenSet | null, signal?: AbortSignal): Promise<TokenSet> {
    // Another process sharing the store may have refreshed already.
    const latest = await store.get();
    if (usable(latest) && latest.accessToken !== stale?.accessToken) return latest;
    const base = latest ?? stale;
    const grant: TokenGrant = base?.refreshToken
      ? { grant_type: 'refresh_token', refresh_token: base.refreshToken }
      : { grant_type: 'client_credentials' };
    return obtain(grant, base, signal);
  }

  /**
   * One refresh at a time per manager: concurrent callers share it. A store shared by several
   * processes has `lock`: the refresh runs inside it, so only one of them spends the refresh token.
   */
  function refresh(stale: TokenSet | null, signal?: AbortSignal): Promise<TokenSet> {
    const lock = store.lock?.bind(store);
    inflight ??= (
      lock ? lock(() => refreshOnce(stale, signal), { ttlMs: REFRESH_LOCK_TTL_MS, signal }) : refreshOnce(stale, signal)
    ).finally(() => {
      inflight = null;
    });
    return inflight;
  }

  return {
    async current(signal): Promise<Credential> {
      if (inflight) return { scheme: 'bearer', value: (await inflight).accessToken };
      const tokens = await store.get();
      if (usable(tokens)) return { scheme: 'bearer', value: tokens.accessToken };
      return { scheme: 'bearer', value: (await refresh(tokens, signal)).accessToken };
    },
    async renew(used, signal) {
      if (used.scheme !== 'bearer') return false;
      const tokens = await store.get();
      const staleOrMissing = tokens && tokens.accessToken === used.value ? tokens : null;
      await refresh(
        staleOrMissing ?? { accessToken: used.value, refreshToken: tokens?.refreshToken, expiresAt: 0 },
        signal,
      );
      return true;
    },
    async exchange(grant, signal) {
      if (grant.grant_type === 'authorization_code' && (!grant.code || !grant.redirect_uri)) {
        throw new MauticInvalidInputError('code and redirectUri are required', 'code');
      }
      return obtain(grant, await store.get(), signal);
    },
  };
}
