import type { MauticApi } from '../api';
import type { Logger } from '../logger';
import type { BasicAuth } from '../options';
import type { SecretSet } from '../transport/redact';
import type { Credentials } from '../transport/request';
import { basicCredentials } from './basic';
import { type OAuth2Auth, oauth2Credentials, type TokenManager } from './oauth2';
import { requestToken } from './token-endpoint';

/**
 * The credentials every API request carries, and for OAuth2 the token manager behind them. The
 * token requests go through `api` with the `client` credentials of the endpoint table.
 */
export function createCredentials(
  auth: BasicAuth | OAuth2Auth,
  api: MauticApi,
  secrets: SecretSet,
  logger: Logger,
  tokenTimeoutMs?: number,
): { credentials: Credentials; tokens: TokenManager | null } {
  if (auth.type === 'basic') {
    return { credentials: basicCredentials(auth.username, auth.password, secrets), tokens: null };
  }
  const tokens = oauth2Credentials(
    auth,
    (grant) => requestToken(api, auth, grant, secrets),
    secrets,
    logger,
    Date.now,
    tokenTimeoutMs,
  );
  return { credentials: tokens, tokens };
}
