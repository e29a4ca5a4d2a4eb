import type { Operations } from '../operations';
import type { BasicAuth } from '../options';
import { MauticApiError, MauticAuthError } from '../transport/errors';
import type { Logger } from '../transport/logger';
import type { SecretSet } from '../transport/redact';
import type { Credentials } from '../transport/request';
import { basicCredentials } from './basic';
import { type OAuth2Auth, oauth2Credentials, type TokenManager } from './oauth2';

/** For the token endpoint itself, which takes the client credentials in its form. */
export const NO_CREDENTIALS: Credentials = {
  current: async () => ({ scheme: 'none' }),
  renew: async () => false,
};

/** The credentials every API request carries, and for OAuth2 the token manager behind them. */
export function createCredentials(
  auth: BasicAuth | OAuth2Auth,
  tokenOperations: Operations,
  secrets: SecretSet,
  logger: Logger,
  tokenTimeoutMs?: number,
): { credentials: Credentials; tokens: TokenManager | null } {
  if (auth.type === 'basic') {
    return { credentials: basicCredentials(auth.username, auth.password, secrets), tokens: null };
  }
  const tokens = oauth2Credentials(
    auth,
    async (grant) => {
      try {
        return await tokenOperations.requestToken({
          ...grant,
          client_id: auth.clientId,
          client_secret: auth.clientSecret,
        });
      } catch (error) {
        // The token endpoint answers 400 for every OAuth error (a proxy may say 401); to a caller it
        // is an auth failure. The client secret goes in the form body, never in a header.
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
    },
    secrets,
    logger,
    Date.now,
    tokenTimeoutMs,
  );
  return { credentials: tokens, tokens };
}
