import { mauticBodies } from '@mautic-woo/testkit';
import { describe, expect, it } from 'vitest';
import {
  MauticAbortError,
  MauticApiError,
  MauticAuthError,
  MauticConnectionError,
  MauticNotFoundError,
  MauticRateLimitError,
  MauticServerError,
  MauticTimeoutError,
  MauticValidationError,
} from '../../src';
import { basicClient, closedUrl, PASSWORD, rejection, useScriptedServer } from '../helpers/harness';

const server = useScriptedServer();

const contact = mauticBodies.contactResponse(5, { email: 'a@example.com' });

describe('auth header', () => {
  it('sends Basic with the UTF-8 bytes of user:password on every request', async () => {
    server.route('GET', '/api/contacts/:id', { json: contact });
    const mautic = basicClient(server);
    await mautic.contacts.get(5);
    await mautic.contacts.get(5);
    const expected = `Basic ${Buffer.from(`api:${PASSWORD}`, 'utf8').toString('base64')}`;
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([expected, expected]);
  });
});

describe('retries', () => {
  it('retries 502, 503 and 504 on a read, then succeeds', async () => {
    server.route('GET', '/api/contacts/:id', [
      { status: 502, body: '<html>Bad Gateway</html>' },
      { status: 503 },
      { json: contact },
    ]);
    const mautic = basicClient(server);
    expect((await mautic.contacts.get(5)).id).toBe(5);
    expect(server.requests).toHaveLength(3);
  });

  it('stops after maxRetries and throws the last error, typed', async () => {
    server.route('GET', '/api/contacts/:id', { status: 503, json: mauticBodies.errors(503, 'down') });
    const error = await rejection(basicClient(server, { maxRetries: 1 }).contacts.get(5));
    expect(error).toBeInstanceOf(MauticServerError);
    expect((error as MauticApiError).status).toBe(503);
    expect(server.requests).toHaveLength(2);
  });

  it('waits for X-RateLimit-Reset on a 429 before retrying', async () => {
    const resetAt = Math.ceil(Date.now() / 1000) + 1;
    server.route('GET', '/api/contacts/:id', [
      {
        status: 429,
        json: mauticBodies.errors(429, 'You exceeded the rate limit of 100 API calls per hour.', { details: [] }),
        headers: { 'x-ratelimit-reset': String(resetAt), 'x-ratelimit-remaining': '0' },
      },
      { json: contact },
    ]);
    await basicClient(server).contacts.get(5);
    const [first, second] = server.requests;
    expect(second?.receivedAt ?? 0).toBeGreaterThanOrEqual(resetAt * 1000 - 50);
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThan(0);
  });

  it('throws MauticRateLimitError with the reset time when the wait is over the cap', async () => {
    const resetAt = Math.ceil(Date.now() / 1000) + 3600;
    server.route('GET', '/api/contacts/:id', {
      status: 429,
      json: mauticBodies.errors(429, 'You exceeded the rate limit of 100 API calls per hour.'),
      headers: { 'x-ratelimit-reset': String(resetAt) },
    });
    const error = await rejection(basicClient(server).contacts.get(5));
    expect(error).toBeInstanceOf(MauticRateLimitError);
    expect((error as MauticRateLimitError).resetAt?.getTime()).toBe(resetAt * 1000);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a connection reset on a read', async () => {
    server.route('GET', '/api/contacts/:id', [{ reset: true }, { json: contact }]);
    expect((await basicClient(server).contacts.get(5)).id).toBe(5);
    expect(server.requests).toHaveLength(2);
  });

  it('never retries a note or an email send once it may have reached Mautic', async () => {
    server.route('GET', '/api/contacts', { json: mauticBodies.contactList([]) });
    server.route('POST', '/api/contacts/new', { status: 201, json: contact });
    server.route('POST', '/api/notes/new', { status: 503 });
    server.route('POST', '/api/emails/:id/contact/:cid/send', { reset: true });
    const order = {
      id: 1,
      status: 'completed',
      total: '10.00',
      currency: 'USD',
      billing: { email: 'a@example.com' },
      line_items: [],
    };
    const result = await basicClient(server).syncOrder(order as never, {
      note: true,
      ensureFields: false,
      emailOnStatus: { completed: 3 },
    });
    const failed = Object.fromEntries(result.steps.filter((s) => s.status === 'failed').map((s) => [s.step, s.error]));
    expect(failed.note).toBeInstanceOf(MauticServerError);
    expect(failed.email).toBeInstanceOf(MauticConnectionError);
    expect(result.ok).toBe(false);
    expect(server.received('POST', '/api/notes/new')).toHaveLength(1);
    expect(server.received('POST', '/api/emails/:id/contact/:cid/send')).toHaveLength(1);
  });

  it('does not retry 500, 400 or 404', async () => {
    server.route('GET', '/api/contacts/:id', {
      status: 500,
      json: mauticBodies.errors(500, 'Looks like I encountered an error (error #500).'),
    });
    expect(await rejection(basicClient(server).contacts.get(5))).toBeInstanceOf(MauticServerError);
    expect(server.requests).toHaveLength(1);
  });

  it('retries an unreachable host, then throws MauticConnectionError naming the cause', async () => {
    const mautic = basicClient({ url: await closedUrl() }, { maxRetries: 1 });
    const error = await rejection(mautic.contacts.get(5));
    expect(error).toBeInstanceOf(MauticConnectionError);
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('timeouts and signals', () => {
  it('gives up an attempt after timeoutMs with MauticTimeoutError', async () => {
    server.route('GET', '/api/contacts/:id', { hang: true });
    const started = Date.now();
    const error = await rejection(basicClient(server, { timeoutMs: 200, maxRetries: 0 }).contacts.get(5));
    expect(error).toBeInstanceOf(MauticTimeoutError);
    expect((error as MauticTimeoutError).timeoutMs).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('retries a timed-out read and succeeds when the next answer is in time', async () => {
    server.route('GET', '/api/contacts/:id', [{ json: contact, delayMs: 600 }, { json: contact }]);
    expect((await basicClient(server, { timeoutMs: 200 }).contacts.get(5)).id).toBe(5);
    expect(server.requests).toHaveLength(2);
  });

  it("honours the caller's signal, and does not retry after it", async () => {
    server.route('GET', '/api/contacts', { hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(
      basicClient(server).contacts.findByEmail('a@example.com', { signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(MauticAbortError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('answers that are errors', () => {
  it('turns an HTML page into MauticApiError with a short excerpt, not a JSON crash', async () => {
    server.route('GET', '/api/contacts/:id', {
      status: 503,
      body: '<!DOCTYPE html><html><head><title>Site under maintenance</title></head><body>…</body></html>',
    });
    const error = await rejection(basicClient(server, { maxRetries: 0 }).contacts.get(5));
    expect(error).toBeInstanceOf(MauticServerError);
    expect((error as MauticApiError).bodyExcerpt).toBe('Site under maintenance');
    expect(error.message).toContain('not Mautic');
  });

  it('treats a 200 with an HTML body as an error', async () => {
    server.route('GET', '/api/contacts/:id', { status: 200, body: '<html><body>WordPress</body></html>' });
    const error = await rejection(basicClient(server).contacts.get(5));
    expect(error).toBeInstanceOf(MauticApiError);
    expect((error as MauticApiError).status).toBe(200);
  });

  it('treats a 200 that carries errors as an error', async () => {
    server.route('GET', '/api/contacts/:id', { status: 200, json: mauticBodies.notFound() });
    const error = await rejection(basicClient(server).contacts.get(5));
    expect(error).toBeInstanceOf(MauticNotFoundError);
  });

  it('parses a JSON error sent as text/html (the rate limiter does that)', async () => {
    server.route('GET', '/api/contacts/:id', {
      status: 403,
      body: JSON.stringify(mauticBodies.errors(403, 'API disabled', { type: 'api_disabled' })),
    });
    const error = await rejection(basicClient(server).contacts.get(5));
    expect(error).toBeInstanceOf(MauticAuthError);
    expect((error as MauticApiError).type).toBe('api_disabled');
  });

  it('gives per-field messages on a validation error', async () => {
    server.route('PATCH', '/api/contacts/:id/edit', { status: 400, json: mauticBodies.invalidField('zipcode') });
    const error = await rejection(basicClient(server).contacts.update(5, { zipcode: '??' }));
    expect(error).toBeInstanceOf(MauticValidationError);
    expect((error as MauticValidationError).fieldErrors).toEqual({ zipcode: ['This value is not valid.'] });
    expect((error as MauticApiError).url).toBe(`${server.url}/api/contacts/5/edit`);
    expect((error as MauticApiError).method).toBe('PATCH');
  });
});
