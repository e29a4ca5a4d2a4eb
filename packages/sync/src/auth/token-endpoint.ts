import type { MauticApi } from '../api';
import { MauticApiError, MauticAuthError } from '../errors';
import type { SecretSet } from '../transport/redact';
import type { TokenGrant } from './oauth2';

/**
 * `POST /oauth/v2/token`, with the client id and secret in the form (never in a header). The
 * token endpoint answers 400 for every OAuth error (a proxy may say 401); to a caller that is an
 * auth failure, so it becomes MauticAuthError here. The answer is checked by the token manager
 * (token-answer.ts). No caller's signal: a refresh belongs to no caller and has its own deadline.
 */
export async function requestToken(
  api: MauticApi,
  client: { clientId: string; clientSecret: string },
  grant: TokenGrant,
  secrets: SecretSet,
): Promise<unknown> {
  const body = { ...grant, client_id: client.clientId, client_secret: client.clientSecret };
  try {
    // A refresh token is single-use (Mautic rotates it), so only client_credentials is repeatable.
    const answer = await api.call('requestToken', { body }, { repeatable: grant.grant_type === 'client_credentials' });
    return answer.data;
  } catch (error) {
    if (!(error instanceof MauticApiError) || ![400, 401].includes(error.status)) throw error;
    throw new MauticAuthError({
      status: error.status,
      method: error.method,
      url: error.url,
      errors: error.errors,
      secrets,
      message: `Mautic refused the ${grant.grant_type} token request (${error.type ?? 'no type'}): ${
        error.errors[0]?.message ?? error.message
      }`,
    });
  }
}
