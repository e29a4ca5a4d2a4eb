import { mauticBodies, type RecordedRequest } from '@mautic-woo/testkit';
import { describe, expect, it } from 'vitest';
import { MauticAuthError, MemoryTokenStore, type TokenSet } from '../../src';
import { CLIENT_SECRET, oauthClient, refresh, rejection, token, useScriptedServer } from '../helpers/harness';

const server = useScriptedServer();

const contact = mauticBodies.contactResponse(5, { email: 'a@example.com' });
const tokenRequests = () => server.received('POST', '/oauth/v2/token');
const bearer = (r: RecordedRequest) => r.headers.authorization;

/** A token endpoint that hands out access-N / refresh-N and accepts only the latest refresh token. */
function issueTokens(options: { refreshTokens?: boolean; expiresIn?: number } = {}) {
  let issued = 0;
  server.route('POST', '/oauth/v2/token', async (request) => {
    const form = request.body as Record<string, string>;
    if (form.grant_type === 'refresh_token' && form.refresh_token !== refresh(issued)) {
      return { status: 400, json: mauticBodies.errors(400, 'Invalid refresh token', { type: 'invalid_grant' }) };
    }
    issued++;
    await new Promise((resolve) => setTimeout(resolve, 20));
    return {
      json: mauticBodies.token(
        token(issued),
        options.refreshTokens ? refresh(issued) : undefined,
        options.expiresIn ?? 3600,
      ),
    };
  });
}

/** Contacts that answer only to the newest access token; older ones get Mautic's expired-token 401. */
function acceptOnly(current: () => string) {
  server.route('GET', '/api/contacts/:id', (request) =>
    bearer(request) === `Bearer ${current()}` ? { json: contact } : { status: 401, json: mauticBodies.expiredToken() },
  );
}

/** A client whose token 0 is still "valid" by its expiry; `onTokens` moves the server to token 1. */
function clientWithRevocableToken(server: { url: string }, revoke: (latest: number) => void) {
  return oauthClient(server, {
    accessToken: token(0),
    refreshToken: refresh(0),
    expiresAt: Date.now() + 3_600_000,
    onTokens: () => revoke(1),
  });
}

describe('client_credentials', () => {
  it('asks for a token with the client credentials, form-encoded, then sends it as Bearer', async () => {
    issueTokens();
    acceptOnly(() => token(1));
    const seen: TokenSet[] = [];
    const mautic = oauthClient(server, { onTokens: (t) => void seen.push(t) });
    await mautic.contacts.get(5);
    const [tokenRequest] = tokenRequests();
    expect(tokenRequest?.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(tokenRequest?.body).toEqual({
      grant_type: 'client_credentials',
      client_id: 'client-id',
      client_secret: CLIENT_SECRET,
    });
    expect(server.received('GET', '/api/contacts/:id').map(bearer)).toEqual([`Bearer ${token(1)}`]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.refreshToken).toBeUndefined();
    expect(seen[0]?.expiresAt).toBeGreaterThan(Date.now() + 3_500_000);
  });

  it('fifty requests that meet an expired token cause exactly one token request', async () => {
    issueTokens();
    acceptOnly(() => token(1));
    const mautic = oauthClient(server, { accessToken: token(0), expiresAt: Date.now() - 1000 });
    const results = await Promise.all(Array.from({ length: 50 }, () => mautic.contacts.get(5)));
    expect(results.every((c) => c.id === 5)).toBe(true);
    expect(tokenRequests()).toHaveLength(1);
    expect(new Set(server.received('GET', '/api/contacts/:id').map(bearer))).toEqual(new Set([`Bearer ${token(1)}`]));
  });

  it('a token that lives one minute (Mautic allows that) is not refreshed before every request', async () => {
    issueTokens({ expiresIn: 60 });
    acceptOnly(() => token(1));
    const mautic = oauthClient(server);
    for (let i = 0; i < 20; i++) await mautic.contacts.get(5);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('refreshes shortly before expiry, not after a failure', async () => {
    issueTokens();
    acceptOnly(() => token(1));
    const mautic = oauthClient(server, { accessToken: token(0), expiresAt: Date.now() + 30_000 });
    await mautic.contacts.get(5);
    expect(tokenRequests()).toHaveLength(1);
    expect(server.received('GET', '/api/contacts/:id')).toHaveLength(1);
  });
});

describe('refresh_token', () => {
  it('rotates the refresh token and hands every new set to onTokens', async () => {
    issueTokens({ refreshTokens: true, expiresIn: 1 });
    let latest = 0;
    acceptOnly(() => token(latest));
    const seen: TokenSet[] = [];
    const mautic = oauthClient(server, {
      accessToken: token(0),
      refreshToken: refresh(0),
      expiresAt: Date.now() - 1,
      onTokens: (t) => {
        seen.push(t);
        latest = seen.length;
      },
    });
    await mautic.contacts.get(5);
    // expires_in 1 s: past three quarters of its life the token is refreshed again.
    await new Promise((resolve) => setTimeout(resolve, 800));
    await mautic.contacts.get(5);
    expect(tokenRequests().map((r) => (r.body as Record<string, string>).refresh_token)).toEqual([
      refresh(0),
      refresh(1),
    ]);
    expect(seen.map((t) => t.refreshToken)).toEqual([refresh(1), refresh(2)]);
    expect(seen.map((t) => t.accessToken)).toEqual([token(1), token(2)]);
  });

  it('on a 401 refreshes and replays the request once', async () => {
    issueTokens({ refreshTokens: true });
    let latest = 0;
    acceptOnly(() => token(latest));
    const mautic = clientWithRevocableToken(server, (n) => {
      latest = n;
    });
    latest = -1; // Mautic revoked token 0 early
    expect((await mautic.contacts.get(5)).id).toBe(5);
    expect(tokenRequests()).toHaveLength(1);
    expect(server.received('GET', '/api/contacts/:id').map(bearer)).toEqual([
      `Bearer ${token(0)}`,
      `Bearer ${token(1)}`,
    ]);
  });

  it('does not loop when the fresh token is refused too', async () => {
    issueTokens({ refreshTokens: true });
    server.route('GET', '/api/contacts/:id', { status: 401, json: mauticBodies.expiredToken() });
    const mautic = oauthClient(server, {
      accessToken: token(0),
      refreshToken: refresh(0),
      expiresAt: Date.now() + 3_600_000,
    });
    const error = await rejection(mautic.contacts.get(5));
    expect(error).toBeInstanceOf(MauticAuthError);
    expect(tokenRequests()).toHaveLength(1);
    expect(server.received('GET', '/api/contacts/:id')).toHaveLength(2);
  });

  it('a refused refresh throws MauticAuthError carrying the OAuth error type', async () => {
    server.route('POST', '/oauth/v2/token', {
      status: 400,
      json: mauticBodies.errors(400, 'Refresh token has expired', { type: 'invalid_grant' }),
    });
    const mautic = oauthClient(server, { refreshToken: refresh(9) });
    const error = await rejection(mautic.contacts.get(5));
    expect(error).toBeInstanceOf(MauticAuthError);
    expect((error as MauticAuthError).type).toBe('invalid_grant');
    expect(error.message).toContain('refresh_token');
    expect(server.received('GET', '/api/contacts/:id')).toHaveLength(0);
    // A rotating refresh is never sent twice: a repeat would be refused as already used.
    expect(tokenRequests()).toHaveLength(1);
  });

  it('concurrent 401s share one refresh', async () => {
    issueTokens({ refreshTokens: true });
    let latest = -1;
    acceptOnly(() => token(latest));
    const mautic = clientWithRevocableToken(server, (n) => {
      latest = n;
    });
    await Promise.all(Array.from({ length: 20 }, () => mautic.contacts.get(5)));
    expect(tokenRequests()).toHaveLength(1);
  });
});

describe('token store', () => {
  it('a token another client stored is used instead of refreshing again', async () => {
    issueTokens({ refreshTokens: true });
    acceptOnly(() => token(1));
    const store = new MemoryTokenStore({ accessToken: token(0), refreshToken: refresh(0), expiresAt: Date.now() - 1 });
    const first = oauthClient(server, { tokenStore: store });
    const second = oauthClient(server, { tokenStore: store });
    await first.contacts.get(5);
    await second.contacts.get(5);
    expect(tokenRequests()).toHaveLength(1);
    expect(store.get()?.refreshToken).toBe(refresh(1));
  });
});

describe('authorization code flow', () => {
  it('builds the authorize URL Mautic expects', () => {
    const url = new URL(
      oauthClient(server).oauth.authorizationUrl({ redirectUri: 'https://shop.example.com/cb', state: 'xyz' }),
    );
    expect(url.origin + url.pathname).toBe(`${server.url}/oauth/v2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client-id',
      grant_type: 'authorization_code',
      redirect_uri: 'https://shop.example.com/cb',
      response_type: 'code',
      state: 'xyz',
    });
    expect(url.search).not.toContain(CLIENT_SECRET);
  });

  it('exchanges the code, reports the tokens and uses them', async () => {
    issueTokens({ refreshTokens: true });
    acceptOnly(() => token(1));
    const seen: TokenSet[] = [];
    const mautic = oauthClient(server, { onTokens: (t) => void seen.push(t) });
    const tokens = await mautic.oauth.exchangeCode({
      code: 'the-code',
      redirectUri: 'https://shop.example.com/cb',
    });
    expect(tokenRequests()[0]?.body).toMatchObject({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: 'https://shop.example.com/cb',
    });
    expect(tokens.refreshToken).toBe(refresh(1));
    expect(seen).toEqual([tokens]);
    await mautic.contacts.get(5);
    expect(tokenRequests()).toHaveLength(1);
  });
});
