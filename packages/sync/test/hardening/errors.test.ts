import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mauticBodies } from '@mautic-woo/testkit';
import { describe, expect, it } from 'vitest';
import { MauticAuthError, MauticConnectionError, MauticTimeoutError } from '../../src';
import { calls } from '../helpers/calls';
import { basicClient, closedUrl, oauthClient, rejection, useScriptedServer } from '../helpers/harness';

/** Errors a person can act on: a connection test that answers in time, causes named once. */

const server = useScriptedServer();

describe('testConnection', () => {
  it('does not retry: one request against a server that never answers, then MauticTimeoutError', async () => {
    server.route('GET', '/api/contacts', { hang: true });
    const client = basicClient(server, { timeoutMs: 200, maxRetries: 2 });
    const error = await rejection(client.testConnection());
    expect(error).toBeInstanceOf(MauticTimeoutError);
    expect(server.received('GET', '/api/contacts')).toHaveLength(1);
  });

  it('a refused OAuth2 token request gets no hint about the Basic Authorization header', async () => {
    server.route('POST', '/oauth/v2/token', {
      status: 401,
      json: mauticBodies.errors(401, 'The client credentials are invalid', { type: 'invalid_client' }),
    });
    const error = await rejection(oauthClient(server).testConnection());
    expect(error).toBeInstanceOf(MauticAuthError);
    expect(error.message).not.toMatch(/Authorization header|PHP-FPM/);
    expect(error.message).toContain('invalid_client');
  });
});

describe('connection errors name the cause once', () => {
  const once = (text: string, word: RegExp) => expect(text.match(new RegExp(word, 'gi'))?.length).toBe(1);

  it('refused: says so, without the URL or fetch wording', async () => {
    const url = await closedUrl();
    const error = await rejection(calls.getContact(basicClient({ url }, { maxRetries: 0 }), 5));
    expect(error).toBeInstanceOf(MauticConnectionError);
    once(error.message, /\brefused\b/);
    expect(error.message).not.toContain(url);
    expect(error.message).not.toContain('fetch failed');
  });

  it('reset: says so', async () => {
    server.route('GET', '/api/contacts/:id', { reset: true });
    const error = await rejection(calls.getContact(basicClient(server, { maxRetries: 0 }), 5));
    expect(error).toBeInstanceOf(MauticConnectionError);
    expect(error.message).toMatch(/reset|closed/);
    expect(error.message).not.toContain(server.url);
    expect(error.message).not.toContain('fetch failed');
  });

  it('DNS: says the host name was not found', async () => {
    const error = await rejection(
      calls.getContact(basicClient({ url: 'http://no-such-host.invalid' }, { maxRetries: 0 }), 5),
    );
    expect(error).toBeInstanceOf(MauticConnectionError);
    expect(error.message).toMatch(/host name/);
    expect(error.message).not.toContain('fetch failed');
  });

  it('TLS: says the certificate was not accepted', async () => {
    const tls = createServer({
      cert: readFileSync(new URL('../fixtures/self-signed.crt', import.meta.url)),
      key: readFileSync(new URL('../fixtures/self-signed.key', import.meta.url)),
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://localhost:${(tls.address() as AddressInfo).port}`;
      const error = await rejection(calls.getContact(basicClient({ url }, { maxRetries: 0 }), 5));
      expect(error).toBeInstanceOf(MauticConnectionError);
      once(error.message, /\bcertificate\b/);
      expect(error.message).not.toContain('fetch failed');
    } finally {
      tls.closeAllConnections();
      await new Promise((resolve) => tls.close(resolve));
    }
  });
});
