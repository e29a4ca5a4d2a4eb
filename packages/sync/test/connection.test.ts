import { mauticBodies } from '@mautic-woo/testkit';
import { describe, expect, it } from 'vitest';
import {
  createMauticClient,
  MauticAuthError,
  MauticConnectionError,
  MauticInvalidInputError,
  MauticNotFoundError,
} from '../src';
import { basicClient, closedUrl, rejection, useScriptedServer } from './helpers/harness';

const server = useScriptedServer();

describe('testConnection', () => {
  it('asks GET /api/contacts?limit=1 and reports the Mautic version', async () => {
    server.route('GET', '/api/contacts', {
      json: mauticBodies.contactList([]),
      headers: { 'mautic-version': '5.1.1' },
    });
    expect(await basicClient(server).testConnection()).toEqual({ ok: true, mauticVersion: '5.1.1' });
    expect(server.requests[0]?.query.toString()).toBe('limit=1');
  });

  it('mauticVersion is null when a proxy drops the header', async () => {
    server.route('GET', '/api/contacts', { json: mauticBodies.contactList([]) });
    expect((await basicClient(server).testConnection()).mauticVersion).toBeNull();
  });

  it.each([
    [
      404,
      mauticBodies.errors(404, 'Requested URL not found: /api/contacts', { type: null }),
      MauticNotFoundError,
      'cache',
    ],
    [403, mauticBodies.errors(403, 'API disabled', { type: 'api_disabled' }), MauticAuthError, 'API is disabled'],
    [
      403,
      mauticBodies.errors(403, 'Basic Auth disabled. You need to enable HTTP basic auth.', { type: 'access_denied' }),
      MauticAuthError,
      'Basic auth is disabled',
    ],
    [
      401,
      mauticBodies.errors(401, 'Authorization denied, invalid credentials.', { type: 'access_denied' }),
      MauticAuthError,
      'credentials were refused',
    ],
  ])('a %i says what is wrong', async (status, json, type, hint) => {
    server.route('GET', '/api/contacts', { status, json });
    const error = await rejection(basicClient(server).testConnection());
    expect(error).toBeInstanceOf(type);
    expect(error.message).toContain(hint);
  });

  it('a WordPress page instead of the API says so', async () => {
    server.route('GET', '/api/contacts', { status: 200, body: '<html><head><title>My Shop</title></head></html>' });
    const error = await rejection(basicClient(server).testConnection());
    expect(error.message).toContain('not Mautic API JSON');
  });

  it('an unreachable host is a MauticConnectionError', async () => {
    const error = await rejection(basicClient({ url: await closedUrl() }, { maxRetries: 0 }).testConnection());
    expect(error).toBeInstanceOf(MauticConnectionError);
  });
});

describe('options', () => {
  const auth = { type: 'basic' as const, username: 'api', password: 'pw-123456' };

  it.each([
    [{ baseUrl: 'mautic.example.com', auth }, 'baseUrl'],
    [{ baseUrl: 'ftp://mautic.example.com', auth }, 'baseUrl'],
    [{ baseUrl: 'https://u:p@mautic.example.com', auth }, 'baseUrl'],
    [{ baseUrl: 'https://m.example.com', auth: { type: 'basic', username: 'api' } }, 'auth.password'],
    [{ baseUrl: 'https://m.example.com', auth: { type: 'oauth2', clientId: 'x' } }, 'auth.clientSecret'],
    [{ baseUrl: 'https://m.example.com' }, 'auth'],
    [{ baseUrl: 'https://m.example.com', auth, timeoutMs: 0 }, 'timeoutMs'],
    [{ baseUrl: 'https://m.example.com', auth, maxRetries: -1 }, 'maxRetries'],
  ])('refuses %j (%s)', (options, field) => {
    try {
      createMauticClient(options as never);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MauticInvalidInputError);
      expect((error as MauticInvalidInputError).field).toBe(field);
      expect((error as Error).message).not.toContain('pw-123456');
    }
  });

  it.each(['/', '/index.php', '/index.php/', '/api', '/mautic/'])('accepts a base URL ending in %s', async (suffix) => {
    server.route('GET', '/api/contacts', { json: mauticBodies.contactList([]) });
    server.route('GET', '/index.php/api/contacts', { json: mauticBodies.contactList([]) });
    server.route('GET', '/mautic/api/contacts', { json: mauticBodies.contactList([]) });
    await basicClient(server, { baseUrl: `${server.url}${suffix}` }).testConnection();
    const expected = suffix.startsWith('/index.php')
      ? '/index.php/api/contacts'
      : suffix === '/mautic/'
        ? '/mautic/api/contacts'
        : '/api/contacts';
    expect(server.requests[0]?.path).toBe(expected);
  });
});
