import { mauticBodies } from '@mautic-woo/testkit';
import { describe, expect, it } from 'vitest';
import {
  MauticAbortError,
  MauticAuthError,
  MauticError,
  MauticTimeoutError,
  type TokenSet,
  type TokenStore,
} from '../../src';
import { calls, deferred } from '../helpers/calls';
import { oauthClient, refresh, rejection, token, useScriptedServer } from '../helpers/harness';

/**
 * Mautic rotates the refresh token on every refresh: a token answer that is lost burns it. These
 * tests hold the token endpoint's answer until callers have given up (an event, not a delay), then
 * check that the answer was still stored, reported and used, and that no dead token is sent twice.
 */

const server = useScriptedServer();
const contact = mauticBodies.contactResponse(5, { email: 'a@example.com' });
const tokenRequests = () => server.received('POST', '/oauth/v2/token');
const expired = { accessToken: token(0), refreshToken: refresh(0), expiresAt: Date.now() - 1_000 };

/** A token endpoint that rotates: answers refresh-N+1 for refresh-N once `release` resolves. */
function rotatingTokenEndpoint(release: Promise<void>, arrived = deferred()) {
  let issued = 0;
  server.route('POST', '/oauth/v2/token', async (request) => {
    arrived.resolve();
    const form = request.body as Record<string, string>;
    await release;
    if (form.refresh_token !== refresh(issued)) {
      return { status: 400, json: mauticBodies.errors(400, 'Invalid refresh token', { type: 'invalid_grant' }) };
    }
    issued++;
    return { json: mauticBodies.token(token(issued), refresh(issued), 3600) };
  });
  return arrived;
}

function contactsFor(accessToken: () => string) {
  server.route('GET', '/api/contacts/:id', (request) =>
    request.headers.authorization === `Bearer ${accessToken()}`
      ? { json: contact }
      : { status: 401, json: mauticBodies.expiredToken() },
  );
}

describe('the shared refresh belongs to no caller', () => {
  it("one caller's abort stops only its own wait: the other 49 get the rotated token, onTokens sees it", async () => {
    const release = deferred();
    const arrived = rotatingTokenEndpoint(release.promise);
    contactsFor(() => token(1));
    const reported: TokenSet[] = [];
    const client = oauthClient(server, { ...expired, onTokens: (t) => void reported.push(t) });
    const first = new AbortController();
    const results = Array.from({ length: 50 }, (_, i) =>
      calls.getContact(client, 5, i === 0 ? { signal: first.signal } : {}).then(
        () => 'ok',
        (error: unknown) => error,
      ),
    );
    await arrived.promise;
    first.abort();
    await expect(results[0]).resolves.toBeInstanceOf(MauticAbortError);
    release.resolve();
    const settled = await Promise.all(results);
    expect(settled.slice(1).every((r) => r === 'ok')).toBe(true);
    expect(tokenRequests()).toHaveLength(1);
    expect(reported.map((t) => t.refreshToken)).toEqual([refresh(1)]);
    // The next call uses the rotated token: no second refresh, no invalid_grant.
    await calls.getContact(client, 5);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('an answer that arrives after every caller timed out is stored and reported (tokenTimeoutMs is its own)', async () => {
    const release = deferred();
    rotatingTokenEndpoint(release.promise);
    contactsFor(() => token(1));
    const reported = deferred<TokenSet>();
    const client = oauthClient(server, { ...expired, onTokens: (t) => reported.resolve(t) }, { timeoutMs: 100 });
    const errors = await Promise.all(Array.from({ length: 5 }, () => rejection(calls.getContact(client, 5))));
    expect(errors.every((e) => e instanceof MauticTimeoutError)).toBe(true);
    release.resolve();
    expect((await reported.promise).accessToken).toBe(token(1));
    await calls.getContact(client, 5);
    expect(tokenRequests()).toHaveLength(1);
    expect(server.received('GET', '/api/contacts/:id').at(-1)?.headers.authorization).toBe(`Bearer ${token(1)}`);
  });
});

describe('a refused refresh token', () => {
  it('50 waiters: one token request, 50 MauticAuthErrors, and the dead token is never sent again', async () => {
    const release = deferred();
    server.route('POST', '/oauth/v2/token', async () => {
      await release.promise;
      return { status: 400, json: mauticBodies.errors(400, 'Invalid refresh token', { type: 'invalid_grant' }) };
    });
    const arrived = deferred();
    let seen = 0;
    // Every request gets Mautic's 401, the last ones only once the refusal is known: "a little apart".
    server.route('GET', '/api/contacts/:id', async () => {
      if (++seen === 25) arrived.resolve();
      if (seen > 25) await release.promise;
      return { status: 401, json: mauticBodies.expiredToken() };
    });
    const client = oauthClient(server, { accessToken: token(0), refreshToken: refresh(0) });
    const pending = Array.from({ length: 50 }, () => rejection(calls.getContact(client, 5)));
    await arrived.promise;
    release.resolve();
    const errors = await Promise.all(pending);
    expect(errors.filter((e) => e instanceof MauticAuthError)).toHaveLength(50);
    expect(tokenRequests()).toHaveLength(1);
    await rejection(calls.getContact(client, 5));
    expect(tokenRequests()).toHaveLength(1);
  });
});

describe('a token store or onTokens that hangs or throws', () => {
  const never = () => new Promise<never>(() => {});

  it('a hanging tokenStore.get ends at timeoutMs with MauticTimeoutError, and at the signal with MauticAbortError', async () => {
    const store: TokenStore = { get: never, set: () => {} };
    const client = oauthClient(server, { tokenStore: store }, { timeoutMs: 100 });
    expect(await rejection(calls.getContact(client, 5))).toBeInstanceOf(MauticTimeoutError);
    const controller = new AbortController();
    const call = rejection(
      calls.getContact(oauthClient(server, { tokenStore: store }), 5, { signal: controller.signal }),
    );
    controller.abort();
    expect(await call).toBeInstanceOf(MauticAbortError);
    expect(server.requests).toHaveLength(0);
  });

  it('a hanging tokenStore.set cannot hold a request past timeoutMs', async () => {
    server.route('POST', '/oauth/v2/token', { json: mauticBodies.token(token(1), refresh(1), 3600) });
    contactsFor(() => token(1));
    const store: TokenStore = { get: () => expired, set: never };
    const error = await rejection(calls.getContact(oauthClient(server, { tokenStore: store }, { timeoutMs: 150 }), 5));
    expect(error).toBeInstanceOf(MauticTimeoutError);
  });

  it('a throwing tokenStore becomes a MauticError that keeps the cause', async () => {
    const cause = new Error('redis is down');
    const store: TokenStore = {
      get: () => {
        throw cause;
      },
      set: () => {},
    };
    const error = await rejection(calls.getContact(oauthClient(server, { tokenStore: store }), 5));
    expect(error).toBeInstanceOf(MauticError);
    expect(error.message).toContain('tokenStore.get');
    expect((error.cause as Error).message).toBe('redis is down');
  });

  it('a hanging or throwing onTokens does not hold up or fail requests', async () => {
    server.route('POST', '/oauth/v2/token', { json: mauticBodies.token(token(1), refresh(1), 3600) });
    contactsFor(() => token(1));
    const hanging = oauthClient(server, { ...expired, onTokens: never }, { timeoutMs: 2_000 });
    await expect(calls.getContact(hanging, 5)).resolves.toMatchObject({ id: 5 });
    const throwing = oauthClient(server, {
      ...expired,
      onTokens: () => {
        throw new Error('disk full');
      },
    });
    await expect(calls.getContact(throwing, 5)).resolves.toMatchObject({ id: 5 });
  });
});

describe('token answers are checked', () => {
  for (const [name, body] of [
    ['no access_token', { expires_in: 3600, token_type: 'bearer' }],
    ['an empty access_token', { access_token: '', expires_in: 3600 }],
    ['a negative expires_in', { access_token: token(1), expires_in: -5 }],
    ['a text expires_in', { access_token: token(1), expires_in: 'soon' }],
  ] as const) {
    it(`${name} → MauticApiError, and no request leaves without Authorization`, async () => {
      server.route('POST', '/oauth/v2/token', { json: body });
      contactsFor(() => token(1));
      const error = await rejection(calls.getContact(oauthClient(server), 5));
      expect(error.name).toBe('MauticApiError');
      expect(error.message).toContain('not what Mautic sends');
      expect(server.received('GET', '/api/contacts/:id')).toHaveLength(0);
    });
  }
});

describe('a token store shared by processes (lock)', () => {
  it('refreshes inside store.lock and re-reads the store there: another process already refreshed', async () => {
    server.route('POST', '/oauth/v2/token', { json: mauticBodies.token(token(9), refresh(9), 3600) });
    contactsFor(() => token(2));
    let current: TokenSet = expired;
    const events: string[] = [];
    const store: TokenStore = {
      get: () => current,
      set: (t) => {
        current = t;
      },
      async lock(run, options) {
        events.push(`lock ttl=${options.ttlMs > 0}`);
        // Meanwhile the other process refreshed and wrote its tokens.
        current = { accessToken: token(2), refreshToken: refresh(2), expiresAt: Date.now() + 3_600_000 };
        const result = await run();
        events.push('unlock');
        return result;
      },
    };
    await calls.getContact(oauthClient(server, { tokenStore: store }), 5);
    expect(events).toEqual(['lock ttl=true', 'unlock']);
    expect(tokenRequests()).toHaveLength(0);
  });
});
