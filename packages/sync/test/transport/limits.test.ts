import { gzipSync } from 'node:zlib';
import { mauticBodies } from '@mautic-woo/testkit';
import { describe, expect, it } from 'vitest';
import {
  createMauticClient,
  MauticApiError,
  MauticConnectionError,
  MauticInvalidInputError,
  MauticResponseTooLargeError,
} from '../../src';
import { readBounded } from '../../src/transport/limits';
import { calls } from '../helpers/calls';
import { basicClient, PASSWORD, refusal, rejection, useScriptedServer } from '../helpers/harness';
import { startRawServer } from '../helpers/raw-server';

const server = useScriptedServer();
const contact = mauticBodies.contactResponse(5, { email: 'a@example.com' });

describe('maxResponseBytes', () => {
  it('stops reading a gzip bomb: counted after decompression, a typed error that is not a connection error', async () => {
    // 64 MiB of zeros, about 64 KB on the wire.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    let requests = 0;
    const raw = await startRawServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    try {
      const error = await rejection(calls.getContact(basicClient(raw, { maxResponseBytes: 1024 * 1024 }), 5));
      expect(error).toBeInstanceOf(MauticResponseTooLargeError);
      expect(error).not.toBeInstanceOf(MauticConnectionError);
      expect((error as MauticResponseTooLargeError).maxResponseBytes).toBe(1024 * 1024);
      expect(requests).toBe(1);
    } finally {
      await raw.close();
    }
  });

  it('refuses a declared Content-Length over the limit without reading it', async () => {
    server.route('GET', '/api/contacts/:id', { body: 'x'.repeat(5_000) });
    const error = await rejection(calls.getContact(basicClient(server, { maxResponseBytes: 1_000 }), 5));
    expect(error).toBeInstanceOf(MauticResponseTooLargeError);
  });

  it('counts a chunked answer with no declared length, and stops it past the limit', async () => {
    const raw = await startRawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // No Content-Length: sent chunked, so only the count can stop it.
      for (let i = 0; i < 20; i++) res.write(`${' '.repeat(1_000)}`);
      res.end('{}');
    });
    try {
      const error = await rejection(calls.getContact(basicClient(raw, { maxResponseBytes: 5_000 }), 5));
      expect(error).toBeInstanceOf(MauticResponseTooLargeError);
    } finally {
      await raw.close();
    }
  });

  it('decodes a character split across two chunks', async () => {
    const bytes = new TextEncoder().encode('{"name":"Zoë 東京"}');
    const split = bytes.indexOf(0xe6) + 1; // inside 東 (e6 9d b1)
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, split));
        controller.enqueue(bytes.subarray(split));
        controller.close();
      },
    });
    const text = await readBounded(new Response(body), 1_000, () => new Error('too large'));
    expect(JSON.parse(text)).toEqual({ name: 'Zoë 東京' });
  });

  it('reads an answer under the limit as usual', async () => {
    server.route('GET', '/api/contacts/:id', { json: contact });
    await expect(calls.getContact(basicClient(server, { maxResponseBytes: 10_000 }), 5)).resolves.toMatchObject({
      id: 5,
    });
  });
});

describe('maxConcurrentRequests', () => {
  it('10,000 concurrent calls open well under 64 connections, measured at the server', async () => {
    const body = JSON.stringify(contact);
    const raw = await startRawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    try {
      const client = createMauticClient({
        baseUrl: raw.url,
        auth: { type: 'basic', username: 'api', password: PASSWORD },
      });
      const results = await Promise.all(Array.from({ length: 10_000 }, () => calls.getContact(client, 5)));
      expect(results).toHaveLength(10_000);
      console.log(
        `10,000 concurrent calls: at most ${raw.sockets.most} sockets open at once, ${raw.sockets.total} opened in all`,
      );
      // 16 requests at a time; a socket goes back to the pool a moment after its answer was read.
      expect(raw.sockets.most).toBeLessThan(40);
      expect(raw.sockets.total).toBeLessThan(64);
    } finally {
      await raw.close();
    }
  }, 300_000);

  it('waiters go in the order they came', async () => {
    const order: number[] = [];
    server.route('GET', '/api/contacts/:id', (request) => {
      order.push(Number(request.params.id));
      return { json: mauticBodies.contactResponse(Number(request.params.id)) };
    });
    const client = basicClient(server, { maxConcurrentRequests: 1 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => calls.getContact(client, i + 1)));
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});

describe('paging stops', () => {
  it('a list whose total is not a finite number → MauticApiError after one page', async () => {
    server.route('GET', '/api/tags', { json: { total: 'lots', tags: { 1: { id: 1, tag: 'a' } } } });
    const error = await rejection(calls.ensureTags(basicClient(server), ['vip']));
    expect(error).toBeInstanceOf(MauticApiError);
    expect(error.message).toContain('not what Mautic sends');
    expect(server.received('GET', '/api/tags')).toHaveLength(1);
  });

  it('a server that ignores start → MauticApiError after two pages', async () => {
    const page = Object.fromEntries(
      Array.from({ length: 500 }, (_, i) => [String(i + 1), { id: i + 1, tag: `t${i}` }]),
    );
    server.route('GET', '/api/tags', { json: { total: 1_000_000, tags: page } });
    const error = await rejection(calls.ensureTags(basicClient(server), ['vip']));
    expect(error.message).toContain('ignores "start"');
    expect(server.received('GET', '/api/tags')).toHaveLength(2);
  });
});

describe('options are validated', () => {
  const base = {
    baseUrl: 'https://m.example.com',
    auth: { type: 'basic' as const, username: 'u', password: PASSWORD },
  };
  for (const timeoutMs of [1.5, 3e9, 5e9, 0, -1, Number.NaN]) {
    it(`timeoutMs ${timeoutMs} → MauticInvalidInputError`, async () => {
      const error = await refusal(() => createMauticClient({ ...base, timeoutMs }));
      expect(error).toBeInstanceOf(MauticInvalidInputError);
      expect((error as MauticInvalidInputError).field).toBe('timeoutMs');
    });
  }
  for (const [key, value] of [
    ['maxRateLimitWaitMs', Number.POSITIVE_INFINITY],
    ['maxDelayMs', Number.NaN],
    ['baseDelayMs', -5],
  ] as const) {
    it(`retryDelays.${key} ${value} → MauticInvalidInputError`, async () => {
      const error = await refusal(() => createMauticClient({ ...base, retryDelays: { [key]: value } }));
      expect((error as MauticInvalidInputError).field).toBe(`retryDelays.${key}`);
    });
  }
  it('tokenTimeoutMs, maxResponseBytes and maxConcurrentRequests must be positive integers', async () => {
    for (const key of ['tokenTimeoutMs', 'maxResponseBytes', 'maxConcurrentRequests'] as const) {
      const error = await refusal(() => createMauticClient({ ...base, [key]: 0.5 }));
      expect((error as MauticInvalidInputError).field).toBe(key);
    }
  });
});
