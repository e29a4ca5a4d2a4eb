import { describe, expect, it } from 'vitest';
import { MauticApiError } from '../../src';
import { calls } from '../helpers/calls';
import { basicClient, MARKER, oauthClient, PASSWORD, recorded, rejection, useScriptedServer } from '../helpers/harness';

/**
 * A server echoes what it got, transformed: JSON-escaped the PHP way, HTML-escaped, form-encoded,
 * split by tags, cut at the excerpt boundary, nested deep. None of it may reach a message,
 * JSON.stringify(error) or the logger (the secret scan after this file checks every error and
 * log line for the marker; each test also checks its own error).
 */

const server = useScriptedServer();

function leaks(error: unknown): boolean {
  return [String(error), JSON.stringify(error), JSON.stringify((error as Error).cause ?? null), ...recorded.lines].some(
    (text) => text.includes(MARKER),
  );
}

// PHP's json_encode: non-ASCII as \\uXXXX and "/" as "\\/".
const phpJson = (text: string) =>
  JSON.stringify(text)
    .slice(1, -1)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

describe('redaction survives what the server does to an echoed secret', () => {
  it('JSON-escaped in an HTML error page (PHP escapes ä as \\u00e4)', async () => {
    server.route('GET', '/api/contacts/:id', { status: 500, body: `<p>debug: {"pw":"${phpJson(PASSWORD)}"}</p>` });
    const error = await rejection(calls.getContact(basicClient(server, { maxRetries: 0 }), 5));
    expect(error).toBeInstanceOf(MauticApiError);
    expect(leaks(error)).toBe(false);
  });

  it('HTML entity-escaped (&amp;, &lt;) and split by tags', async () => {
    const secret = `a&b<i>-${MARKER}-9`;
    const escaped = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    server.route('POST', '/oauth/v2/token', { status: 500, body: `<pre>${escaped}</pre> and raw ${secret}` });
    const error = await rejection(
      calls.getContact(oauthClient(server, { clientSecret: secret }, { maxRetries: 0 }), 5),
    );
    expect(leaks(error)).toBe(false);
  });

  it('form-encoded (a space as +), in a text body', async () => {
    const secret = `my secret ${MARKER} 3`;
    server.route('POST', '/oauth/v2/token', {
      status: 502,
      body: `upstream said: client_id=x&client_secrets=${encodeURIComponent(secret).replace(/%20/g, '+')}`,
    });
    const error = await rejection(
      calls.getContact(oauthClient(server, { clientSecret: secret }, { maxRetries: 0 }), 5),
    );
    expect(leaks(error)).toBe(false);
  });

  it('cut at the excerpt boundary (the excerpt keeps the marker but not the whole secret)', async () => {
    server.route('GET', '/api/contacts/:id', { status: 500, body: `${'x'.repeat(144)}${PASSWORD}` });
    const error = await rejection(calls.getContact(basicClient(server, { maxRetries: 0 }), 5));
    expect(leaks(error)).toBe(false);
  });

  it('in an error nested deeper than the walk goes', async () => {
    let nested: unknown = PASSWORD;
    for (let i = 0; i < 12; i++) nested = { inner: nested };
    server.route('GET', '/api/contacts/:id', {
      status: 400,
      json: { errors: [{ code: 400, message: 'bad', details: nested }] },
    });
    const error = await rejection(calls.getContact(basicClient(server), 5));
    expect(leaks(error)).toBe(false);
  });
});

describe("customers' emails stay out of messages and log lines", () => {
  const email = 'jane.customer@shop-example.com';
  const gone = (text: string) => !text.includes('jane.customer') && !text.includes('jane.customer%40');

  it('a failed exact-email lookup: the URL query is not in the error or the log', async () => {
    server.route('GET', '/api/contacts', { reset: true });
    const error = await rejection(calls.findByEmail(basicClient(server, { maxRetries: 0 }), email));
    expect(gone(String(error))).toBe(true);
    expect(gone(JSON.stringify(error))).toBe(true);
    expect(recorded.lines.every(gone)).toBe(true);
  });

  it('an email Mautic echoes in a validation error is removed', async () => {
    server.route('GET', '/api/contacts', {
      status: 400,
      json: {
        errors: [{ code: 400, message: `email: ${email} is not valid`, details: { email: [`${email} is not valid`] } }],
      },
    });
    const error = await rejection(calls.findByEmail(basicClient(server), email));
    expect(gone(JSON.stringify(error))).toBe(true);
    expect(gone(error.message)).toBe(true);
  });

  it('an email refused as input is not quoted back', async () => {
    const error = await rejection(calls.findByEmail(basicClient(server), 'jane.customer@@shop-example.com'));
    expect(error.name).toBe('MauticInvalidInputError');
    expect(gone(JSON.stringify(error))).toBe(true);
    expect(server.requests).toHaveLength(0);
  });
});
