import { startFakeMautic } from '@mautic-woo/testkit';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { basicClient } from '../helpers/harness';
import { order727 } from '../helpers/woo-fixtures';

/**
 * What the client hands the runtime's fetch for one-shot requests, with Deno's and Bun's globals
 * stood in for on Node (the real runtimes run in packages/runtimes). Real HTTP throughout: the
 * extra init fields are ones Node's fetch ignores.
 */

type Init = RequestInit & { client?: unknown };

function recordingFetch() {
  const calls: Array<{ method: string; path: string; init: Init }> = [];
  const fetch = (input: RequestInfo | URL, init?: Init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    calls.push({ method: init?.method ?? request.method, path: new URL(request.url).pathname, init: init ?? {} });
    return globalThis.fetch(input, init);
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

async function contactWithNote(options: { maxRetries?: number } = {}) {
  const fake = await startFakeMautic();
  const recorder = recordingFetch();
  const client = basicClient(fake, { fetch: recorder.fetch, ...options });
  try {
    await client.syncOrder(order727(), { note: true, ensureFields: false });
    return { calls: recorder.calls, fake };
  } finally {
    await fake.close();
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('one-shot requests on Deno', () => {
  test('a note goes on an HTTP client with no pool, closed once its answer is read; reads keep the pool', async () => {
    const clients: Array<{ options: unknown; closed: boolean }> = [];
    vi.stubGlobal('Deno', {
      createHttpClient(options: unknown) {
        const client = {
          options,
          closed: false,
          close() {
            client.closed = true;
          },
        };
        clients.push(client);
        return client;
      },
    });
    const { calls, fake } = await contactWithNote();
    const note = calls.find((c) => c.path === '/api/notes/new');
    expect(note?.init.client).toBeDefined();
    expect(clients).toHaveLength(1);
    expect(clients[0]).toMatchObject({ options: { poolMaxIdlePerHost: 0 }, closed: true });
    for (const call of calls.filter((c) => c.path !== '/api/notes/new')) expect(call.init.client).toBeUndefined();
    expect(fake.mautic.notes).toHaveLength(1);
  });

  test('with maxRetries 0 every request gets a client of its own', async () => {
    let created = 0;
    vi.stubGlobal('Deno', {
      createHttpClient() {
        created++;
        return { close() {} };
      },
    });
    const { calls } = await contactWithNote({ maxRetries: 0 });
    expect(calls.length).toBeGreaterThan(1);
    for (const call of calls) expect(call.init.client).toBeDefined();
    expect(created).toBe(calls.length);
  });

  test('where custom clients are refused (Deno Deploy), the note goes through the plain fetch', async () => {
    vi.stubGlobal('Deno', {
      createHttpClient() {
        throw new Error('not supported');
      },
    });
    const { calls, fake } = await contactWithNote();
    expect(calls.find((c) => c.path === '/api/notes/new')?.init.client).toBeUndefined();
    expect(fake.mautic.notes).toHaveLength(1);
  });
});

describe('one-shot requests on Bun', () => {
  test('a note is sent without keep-alive; reads and contact writes keep it', async () => {
    vi.stubGlobal('Bun', {});
    const { calls } = await contactWithNote();
    for (const call of calls) {
      expect({ path: call.path, keepalive: call.init.keepalive }).toEqual({
        path: call.path,
        keepalive: call.path === '/api/notes/new' ? false : undefined,
      });
    }
  });
});

test('on Node the fetch is used as it is, whatever the request', async () => {
  const { calls } = await contactWithNote({ maxRetries: 0 });
  for (const call of calls) {
    expect(call.init.client).toBeUndefined();
    expect(call.init.keepalive).toBeUndefined();
  }
});
