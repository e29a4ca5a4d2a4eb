import { MauticApiError } from '../errors';
import type { SecretSet } from '../transport/redact';
import type { TokenSet } from './token-store';

/** What Mautic's token endpoint answers (§10 of the API notes): checked before anything uses it. */
export interface TokenAnswer {
  access_token: string;
  expires_in?: number | null;
  refresh_token?: string | null;
}

export type TokenGrant =
  | { grant_type: 'client_credentials' }
  | { grant_type: 'refresh_token'; refresh_token: string }
  | { grant_type: 'authorization_code'; code: string; redirect_uri: string };

function problem(answer: unknown): string | null {
  if (!answer || typeof answer !== 'object') return 'it is not an object';
  const { access_token, expires_in, refresh_token } = answer as Record<string, unknown>;
  if (typeof access_token !== 'string' || access_token.trim() === '') return 'it has no access_token';
  if (expires_in != null && !(typeof expires_in === 'number' && Number.isFinite(expires_in) && expires_in > 0)) {
    return `its expires_in is ${JSON.stringify(expires_in)}, not a positive number of seconds`;
  }
  if (refresh_token != null && (typeof refresh_token !== 'string' || refresh_token === '')) {
    return 'its refresh_token is not a non-empty string';
  }
  return null;
}

/**
 * The token set an answer gives, or a MauticApiError: a request must never leave without
 * `Authorization` because the token endpoint sent something other than a token.
 */
export function tokenSetFrom(
  answer: unknown,
  grant: TokenGrant,
  previous: TokenSet | null,
  now: number,
  secrets: SecretSet,
): TokenSet {
  const wrong = problem(answer);
  if (wrong !== null) {
    throw new MauticApiError({
      status: 200,
      method: 'POST',
      url: '/oauth/v2/token',
      secrets,
      message: `Mautic answered the ${grant.grant_type} token request with an answer that is not what Mautic sends: ${wrong}`,
    });
  }
  const { access_token, expires_in, refresh_token } = answer as TokenAnswer;
  return {
    accessToken: access_token,
    // Rotation: a refresh answer carries the new refresh token; the old one is dead now.
    refreshToken: refresh_token ?? (grant.grant_type === 'client_credentials' ? undefined : previous?.refreshToken),
    expiresAt: typeof expires_in === 'number' ? now + expires_in * 1000 : null,
  };
}
