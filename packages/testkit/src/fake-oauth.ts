import { randomBytes } from 'node:crypto';
import type { FakeMauticServer } from './fake-mautic-server';
import { mauticBodies } from './mautic-bodies';
import type { RecordedRequest } from './scripted-server';

/**
 * Mautic's OAuth2 on the fake: `POST /oauth/v2/token` issues access tokens that expire after
 * `lifetimeMs` and refresh tokens that are single-use (each refresh answers a new one, as Mautic
 * rotates them); a refresh token sent a second time gets 400 `invalid_grant` and is counted. Every
 * API call must carry a live bearer token (401 `invalid_grant` otherwise). `outage(ms)` makes every
 * API call answer 503 for that long (the token endpoint keeps working, as Mautic's does when only
 * the API is overloaded).
 */
export interface FakeOAuthStats {
  /** Token requests of every grant, answered or refused. */
  tokenRequests: number;
  /** Refresh tokens presented again after they were used (or never issued). */
  invalidGrants: number;
  /** Tokens retired by a refresh: each stood for one expiry. */
  expiries: number;
  /** API calls refused for a missing, unknown or expired access token. */
  unauthorized: number;
  /** API calls answered 503 during an outage. */
  outageAnswers: number;
}

export interface FakeOAuth {
  readonly clientId: string;
  readonly clientSecret: string;
  /** A token set as the browser flow (authorization_code) would give it, to seed a token store. */
  authorize(): { accessToken: string; refreshToken: string; expiresAt: number };
  /** Every API call answers 503 for `ms` from now. Resolves when the window is over. */
  outage(ms: number): Promise<void>;
  stats(): FakeOAuthStats;
}

const token = () => randomBytes(18).toString('base64url');
const oauthError = (status: number, message: string) => ({
  status,
  json: mauticBodies.errors(status, message, { type: 'invalid_grant' }),
});

export function addFakeOAuth(fake: FakeMauticServer, options: { lifetimeMs: number }): FakeOAuth {
  const clientId = `client-${token()}`;
  const clientSecret = `secret-${token()}`;
  const access = new Map<string, number>();
  const refresh = new Map<string, { used: boolean }>();
  const stats: FakeOAuthStats = { tokenRequests: 0, invalidGrants: 0, expiries: 0, unauthorized: 0, outageAnswers: 0 };
  let outageUntil = 0;

  const issue = () => {
    const set = { accessToken: token(), refreshToken: token(), expiresAt: Date.now() + options.lifetimeMs };
    access.set(set.accessToken, set.expiresAt);
    refresh.set(set.refreshToken, { used: false });
    return set;
  };
  const answer = (set: ReturnType<typeof issue>) => ({
    json: {
      access_token: set.accessToken,
      expires_in: options.lifetimeMs / 1000,
      token_type: 'bearer',
      scope: null,
      refresh_token: set.refreshToken,
    },
  });

  fake.server.route('POST', '/oauth/v2/token', (request: RecordedRequest) => {
    stats.tokenRequests++;
    const form = (request.body ?? {}) as Record<string, string>;
    if (form.client_id !== clientId || form.client_secret !== clientSecret) {
      return {
        status: 400,
        json: mauticBodies.errors(400, 'The client credentials are invalid', { type: 'invalid_client' }),
      };
    }
    if (form.grant_type === 'client_credentials') {
      const set = issue();
      refresh.delete(set.refreshToken);
      return { json: { access_token: set.accessToken, expires_in: options.lifetimeMs / 1000, token_type: 'bearer' } };
    }
    if (form.grant_type !== 'refresh_token')
      return oauthError(400, 'Invalid grant_type parameter or parameter missing');
    const presented = refresh.get(form.refresh_token ?? '');
    if (!presented || presented.used) {
      stats.invalidGrants++;
      return oauthError(400, 'Invalid refresh token');
    }
    presented.used = true;
    stats.expiries++;
    return answer(issue());
  });

  fake.fail('*', '*', (request) => {
    if (Date.now() < outageUntil) {
      stats.outageAnswers++;
      return {
        status: 503,
        body: '<html><body>Service Unavailable</body></html>',
        headers: { 'content-type': 'text/html' },
      };
    }
    const bearer = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
    const expiresAt = bearer === undefined ? undefined : access.get(bearer);
    if (expiresAt === undefined || expiresAt <= Date.now()) {
      stats.unauthorized++;
      return { status: 401, json: mauticBodies.expiredToken() };
    }
    return undefined;
  });

  return {
    clientId,
    clientSecret,
    authorize: issue,
    outage(ms) {
      outageUntil = Date.now() + ms;
      return new Promise((resolve) => setTimeout(resolve, ms));
    },
    stats: () => ({ ...stats }),
  };
}
