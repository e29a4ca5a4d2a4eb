import { MauticInvalidInputError } from '../errors';
import type { BasicAuth } from '../options';
import type { OAuth2Auth, TokenManager } from './oauth2';
import type { TokenSet } from './token-store';

/** The OAuth2 authorization-code (browser) flow. Both methods need `auth.type: 'oauth2'`. */
export class OAuth {
  readonly #auth: BasicAuth | OAuth2Auth;
  readonly #baseUrl: string;
  readonly #tokens: TokenManager | null;

  constructor(auth: BasicAuth | OAuth2Auth, baseUrl: string, tokens: TokenManager | null) {
    this.#auth = auth;
    this.#baseUrl = baseUrl;
    this.#tokens = tokens;
  }

  /** Step 1: where to send the user to authorize this app. `state` is your CSRF token. */
  authorizationUrl(params: { redirectUri: string; state: string }): string {
    const auth = this.#auth;
    if (auth.type !== 'oauth2') throw new MauticInvalidInputError('authorizationUrl needs oauth2 auth', 'auth.type');
    if (!params?.redirectUri) throw new MauticInvalidInputError('redirectUri is required', 'redirectUri');
    if (!params.state) throw new MauticInvalidInputError('state is required (CSRF protection)', 'state');
    const query = new URLSearchParams({
      client_id: auth.clientId,
      grant_type: 'authorization_code',
      redirect_uri: params.redirectUri,
      response_type: 'code',
      state: params.state,
    });
    return `${this.#baseUrl}/oauth/v2/authorize?${query}`;
  }

  /** Step 2: trades the `code` Mautic redirected back with for tokens (stored, and passed to `onTokens`). */
  async exchangeCode(params: { code: string; redirectUri: string; signal?: AbortSignal }): Promise<TokenSet> {
    if (!this.#tokens) throw new MauticInvalidInputError('exchangeCode needs oauth2 auth', 'auth.type');
    const { code, redirectUri, signal } = params ?? {};
    return this.#tokens.exchange({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }, signal);
  }
}
