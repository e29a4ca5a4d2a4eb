import { MauticAuthError, MauticError, MauticInvalidInputError, MauticTimeoutError } from '../errors';
import type { Logger } from '../logger';
import type { SecretSet } from '../transport/redact';
import type { Credential, Credentials } from '../transport/request';
import { external, waitFor } from './bounded';
import { type TokenAnswer, type TokenGrant, tokenSetFrom } from './token-answer';
import { MemoryTokenStore, type TokenSet, type TokenStore } from './token-store';

export type { TokenAnswer, TokenGrant } from './token-answer';

export interface OAuth2Auth {
  type: 'oauth2';
  clientId: string;
  clientSecret: string;
  accessToken?: string | undefined;
  refreshToken?: string | undefined;
  /** When `accessToken` expires, epoch ms. Unknown means "use it until Mautic says 401". */
  expiresAt?: number | null | undefined;
  /** Called with every new token set, in order; persist `refreshToken` here, since Mautic rotates it. */
  onTokens?: (tokens: TokenSet) => void | Promise<void>;
  tokenStore?: TokenStore;
}

/** Sends a token request (no retries for rotating grants: see auth/token-endpoint.ts). */
export type RequestToken = (grant: TokenGrant) => Promise<unknown>;

// Refresh this long before expiry, so a request does not leave with a token about to lapse; for a
// token that lives only a minute or two (Mautic's lifetime is configurable down to 1 minute) a
// quarter of its life, or every request would refresh it.
const REFRESH_MARGIN_MS = 60_000;
const marginFor = (lifetimeMs: number | null) =>
  lifetimeMs === null ? REFRESH_MARGIN_MS : Math.min(REFRESH_MARGIN_MS, lifetimeMs / 4);

export interface TokenManager extends Credentials {
  /** Trades a browser-flow code for tokens, stores them and reports them to onTokens. */
  exchange(grant: TokenGrant, signal?: AbortSignal): Promise<TokenSet>;
}

const bearer = (tokens: TokenSet): Credential => ({
  scheme: 'bearer',
  value: tokens.accessToken,
  authorization: `Bearer ${tokens.accessToken}`,
});

/**
 * OAuth2 tokens for every request of one client. Mautic rotates the refresh token on every
 * refresh, so a token answer that is lost burns it and the shop owner must authorize again. Hence:
 * - one refresh at a time, owned by no caller: a caller's signal or timeout only ends its own
 *   wait; the token request runs to its own deadline (`tokenTimeoutMs`), and an answer that comes
 *   after every caller gave up is still stored and handed to `onTokens`;
 * - a refresh token Mautic refused is never sent again (every later caller gets the same error);
 * - with a shared store that has `lock`, the refresh runs inside it and re-reads the store first.
 */
export function oauth2Credentials(
  auth: OAuth2Auth,
  requestToken: RequestToken,
  secrets: SecretSet,
  logger: Logger,
  now: () => number = Date.now,
  tokenTimeoutMs = 120_000,
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
  let refused: { refreshToken: string; error: MauticError } | null = null;
  let reported: Promise<void> = Promise.resolve();

  // The lifetime travels with the token set, so a token another process obtained gets the same margin.
  const usable = (tokens: TokenSet | null): tokens is TokenSet =>
    !!tokens?.accessToken &&
    (tokens.expiresAt == null || tokens.expiresAt - marginFor(tokens.lifetimeMs ?? null) > now());

  const read = (signal?: AbortSignal) => external('tokenStore.get', () => store.get(), signal);

  /** onTokens calls run one after another, in order, and never hold up a request. */
  function report(tokens: TokenSet): void {
    const onTokens = auth.onTokens;
    if (!onTokens) return;
    reported = reported
      .then(() => onTokens(tokens))
      .catch((error: unknown) => {
        logger.error(`onTokens threw; the new tokens are stored and in use but your copy is stale: ${String(error)}`);
      });
  }

  async function obtain(grant: TokenGrant, previous: TokenSet | null, deadline: AbortSignal): Promise<TokenSet> {
    let answer: unknown;
    try {
      answer = await requestToken(grant);
    } catch (error) {
      if (error instanceof MauticAuthError && grant.grant_type === 'refresh_token') {
        refused = { refreshToken: grant.refresh_token, error };
        logger.warn(`refresh token refused (${error.type ?? error.status}); re-authorization is needed`);
      }
      throw error;
    }
    const lifetime = (answer as TokenAnswer).expires_in;
    const tokens = {
      ...tokenSetFrom(answer, grant, previous, now(), secrets),
      lifetimeMs: typeof lifetime === 'number' ? lifetime * 1000 : null,
    };
    secrets.add(tokens.accessToken, tokens.refreshToken);
    // Reported before the store write, so a store that fails cannot lose the rotated refresh token.
    report(tokens);
    await external('tokenStore.set', () => store.set(tokens), deadline);
    return tokens;
  }

  async function refreshOnce(stale: TokenSet | null, deadline: AbortSignal): Promise<TokenSet> {
    // Another caller or process sharing the store may have refreshed already.
    const latest = await read(deadline);
    if (usable(latest) && latest.accessToken !== stale?.accessToken) return latest;
    const base = latest ?? stale;
    const grant: TokenGrant = base?.refreshToken
      ? { grant_type: 'refresh_token', refresh_token: base.refreshToken }
      : { grant_type: 'client_credentials' };
    if (grant.grant_type === 'refresh_token' && refused?.refreshToken === grant.refresh_token) throw refused.error;
    return obtain(grant, base, deadline);
  }

  /** The shared refresh: its own deadline, no caller's signal. */
  function startRefresh(stale: TokenSet | null): Promise<TokenSet> {
    const deadline = AbortSignal.timeout(tokenTimeoutMs);
    const lock = store.lock?.bind(store);
    const run = lock
      ? external(
          'tokenStore.lock',
          () => lock(() => refreshOnce(stale, deadline), { ttlMs: tokenTimeoutMs, signal: deadline }),
          deadline,
        )
      : refreshOnce(stale, deadline);
    const settled = run.catch((error: unknown) => {
      if (error instanceof MauticError || !deadline.aborted) throw error;
      throw new MauticTimeoutError(
        `the token refresh did not finish within tokenTimeoutMs (${tokenTimeoutMs} ms)`,
        tokenTimeoutMs,
        {
          cause: error,
        },
      );
    });
    const shared = settled.finally(() => {
      if (inflight === shared) inflight = null;
    });
    // Every caller may have stopped waiting; the outcome is still handled (and logged above).
    shared.catch(() => {});
    return shared;
  }

  function refresh(stale: TokenSet | null, signal?: AbortSignal): Promise<TokenSet> {
    inflight ??= startRefresh(stale);
    return waitFor(inflight, signal);
  }

  return {
    async current(signal): Promise<Credential> {
      if (inflight) return bearer(await waitFor(inflight, signal));
      const tokens = await read(signal);
      if (usable(tokens)) return bearer(tokens);
      return bearer(await refresh(tokens, signal));
    },
    async renew(used, signal) {
      if (used.scheme !== 'bearer') return false;
      if (inflight) {
        await waitFor(inflight, signal);
        return true;
      }
      const tokens = await read(signal);
      // Someone refreshed since this request left: replay with theirs.
      if (usable(tokens) && tokens.accessToken !== used.value) return true;
      const stale = tokens && tokens.accessToken === used.value ? tokens : null;
      await refresh(stale ?? { accessToken: used.value, refreshToken: tokens?.refreshToken, expiresAt: 0 }, signal);
      return true;
    },
    async exchange(grant, signal) {
      if (grant.grant_type === 'authorization_code' && (!grant.code || !grant.redirect_uri)) {
        throw new MauticInvalidInputError('code and redirectUri are required', 'code');
      }
      const deadline = AbortSignal.timeout(tokenTimeoutMs);
      return waitFor(
        read(deadline).then((previous) => obtain(grant, previous, deadline)),
        signal,
      );
    },
  };
}
