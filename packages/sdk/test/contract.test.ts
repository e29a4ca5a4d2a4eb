import { type PrismServer, startPrism, startScriptedServer } from '@mautic-woo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sdk from '../src';
import { loadResponseExamples } from './spec-examples';

let prism: PrismServer;
let client: sdk.Client;

beforeAll(async () => {
  prism = await startPrism({ errors: true });
  client = sdk.createClient(
    sdk.createConfig({
      baseUrl: prism.url,
      retry: 0,
      // The per-scheme callback: Basic here; the bearer scheme gets nothing.
      auth: (auth) => (auth.scheme === 'basic' ? 'api:secret' : undefined),
    }),
  );
});

afterAll(async () => {
  await prism?.close();
});

type Call = (headers: Record<string, string>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** A valid call of each operation: the inputs a user would pass. */
const calls: Record<string, Call> = {
  createContact: (headers) =>
    sdk.createContact({ client, headers, body: { email: 'john.doe@example.com', firstname: 'John', tags: ['vip'] } }),
  editContact: (headers) =>
    sdk.editContact({ client, headers, path: { id: 47 }, body: { lastname: 'Doe', tags: ['-abandoned_cart'] } }),
  getContact: (headers) => sdk.getContact({ client, headers, path: { id: 47 } }),
  listContacts: (headers) => sdk.listContacts({ client, headers, query: { search: 'email:+a@example.com', limit: 1 } }),
  listContactFields: (headers) => sdk.listContactFields({ client, headers, query: { limit: 100 } }),
  createContactField: (headers) =>
    sdk.createContactField({
      client,
      headers,
      body: { label: 'Recovery Coupon Code', alias: 'mautic_woo_coupon_code', type: 'text', group: 'core' },
    }),
  listTags: (headers) => sdk.listTags({ client, headers }),
  createTag: (headers) => sdk.createTag({ client, headers, body: { tag: 'abandoned_cart' } }),
  createNote: (headers) =>
    sdk.createNote({ client, headers, body: { lead: 47, type: 'general', text: 'Order #727\nTotal 29.35 USD' } }),
  sendEmailToContact: (headers) =>
    sdk.sendEmailToContact({
      client,
      headers,
      path: { emailId: 3, contactId: 47 },
      body: { tokens: { '{order_number}': '727' } },
    }),
  addContactToSegment: (headers) => sdk.addContactToSegment({ client, headers, path: { segmentId: 2, contactId: 47 } }),
  createContactsBatch: (headers) =>
    sdk.createContactsBatch({
      client,
      headers,
      body: [
        { email: 'john.doe@example.com', tags: ['vip'] },
        { email: 'jane.roe@example.com', state: 'Texas' },
      ],
    }),
  editContactsBatch: (headers) =>
    sdk.editContactsBatch({
      client,
      headers,
      body: [
        { id: 47, mautic_woo_order_count: 2 },
        { id: 48, city: 'Lyon' },
      ],
    }),
  deleteContact: (headers) => sdk.deleteContact({ client, headers, path: { id: 47 } }),
  addDoNotContact: (headers) =>
    sdk.addDoNotContact({
      client,
      headers,
      path: { id: 47, channel: 'email' },
      body: { reason: 3, comments: 'marketing consent refused' },
    }),
  removeDoNotContact: (headers) => sdk.removeDoNotContact({ client, headers, path: { id: 47, channel: 'email' } }),
  listContactNotes: (headers) => sdk.listContactNotes({ client, headers, path: { id: 47 }, query: { limit: 10 } }),
  removeContactFromSegment: (headers) =>
    sdk.removeContactFromSegment({ client, headers, path: { segmentId: 2, contactId: 47 } }),
  requestToken: (headers) =>
    sdk.requestToken({
      client,
      headers,
      body: { grant_type: 'client_credentials', client_id: 'client-id', client_secret: 'client-secret' },
    }),
};

const examples = loadResponseExamples();

describe('the SDK exports one function per operation', () => {
  it('has all nineteen', () => {
    const expected = Object.keys(calls).sort();
    expect(expected).toHaveLength(19);
    for (const name of expected) expect(typeof (sdk as Record<string, unknown>)[name]).toBe('function');
    expect(new Set(examples.map((e) => e.operationId))).toEqual(new Set(expected));
  });
});

describe.each(Object.keys(calls))('%s against Prism', (operationId) => {
  it('succeeds with its default response', async () => {
    const { data, error, response } = await (calls[operationId] as Call)({});
    expect(error, `Prism said: ${JSON.stringify(error)}`).toBeUndefined();
    expect(response.status).toBeLessThan(300);
    const defaults = examples.filter((e) => e.operationId === operationId && e.status === response.status);
    expect(defaults.map((e) => e.value)).toContainEqual(data);
  });

  const named = examples.filter((e) => e.operationId === operationId);
  it.each(named.map((e) => [e.status, e.name, e] as const))(
    'answers %i %s as the spec says',
    async (status, name, example) => {
      const { data, error, response } = await (calls[operationId] as Call)({
        Prefer: `code=${status}, example=${name}`,
      });
      expect(response.status).toBe(status);
      expect(status < 300 ? data : error).toEqual(example.value);
    },
  );
});

describe('requests that break the spec', () => {
  it('a note without its contact is rejected by Prism before it reaches a "server"', async () => {
    const { error, response } = await sdk.createNote({
      client,
      body: { type: 'general', text: 'no lead' } as never,
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('sl-violations') ?? JSON.stringify(error)).toContain('lead');
  });

  it('a field of an unknown type is rejected', async () => {
    const { response } = await sdk.createContactField({
      client,
      body: { label: 'X', type: 'spreadsheet' } as never,
    });
    expect(response.status).toBe(422);
  });

  it('a batch of 201 contacts is refused before it reaches a "server" (Mautic itself would answer 500)', async () => {
    const body = Array.from({ length: 201 }, (_, i) => ({ email: `c${i}@example.com` }));
    const { response } = await sdk.createContactsBatch({ client, body });
    expect(response.status).toBe(422);
    expect(response.headers.get('sl-violations')).toContain('200');
  });

  it('a DNC reason of 0 is rejected (Mautic answers 400 "Invalid reason code given")', async () => {
    const { response } = await sdk.addDoNotContact({
      client,
      path: { id: 47, channel: 'email' },
      body: { reason: 0 } as never,
    });
    expect(response.status).toBe(422);
  });

  it('a request without credentials is refused with 401', async () => {
    const anonymous = sdk.createClient(sdk.createConfig({ baseUrl: prism.url, retry: 0 }));
    const { response } = await sdk.getContact({ client: anonymous, path: { id: 1 } });
    expect(response.status).toBe(401);
  });
});

describe('listContacts with the hand-written query encoder', () => {
  const list = (query: sdk.ContactsQuery) =>
    sdk.listContacts({ client, query: query as never, querySerializer: () => sdk.serializeContactsQuery(query) });

  it('Prism accepts a nested where, a two-value between, select[] and order', async () => {
    const { data, error, response } = await list({
      where: [
        {
          expr: 'orX',
          val: [
            { col: 'email', expr: 'eq', val: 'a+b@example.com' },
            { col: 'date_added', expr: 'between', val: ['2024-01-01', '2024-12-31'] },
          ],
        },
      ],
      select: ['id', 'email'],
      order: [{ col: 'date_added', dir: 'DESC' }],
      limit: 5,
    });
    expect(error, response.headers.get('sl-violations') ?? '').toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.total).toBe('1');
  });

  it('sends exactly the encoded pairs, which PHP reads back as nested arrays', async () => {
    const server = await startScriptedServer();
    try {
      server.route('GET', '/api/contacts', { json: { total: '0', contacts: {} } });
      const local = sdk.createClient(sdk.createConfig({ baseUrl: server.url, retry: 0 }));
      const query: sdk.ContactsQuery = {
        where: [{ expr: 'andX', val: [{ col: 'email', expr: 'eq', val: "o'brien+x@example.com" }] }],
        select: ['email'],
      };
      const { response } = await sdk.listContacts({
        client: local,
        query: query as never,
        querySerializer: () => sdk.serializeContactsQuery(query),
      });
      expect(response.status).toBe(200);
      const [request] = server.received('GET', '/api/contacts');
      expect([...(request?.query ?? [])]).toEqual([
        ['where[0][expr]', 'andX'],
        ['where[0][val][0][expr]', 'eq'],
        ['where[0][val][0][col]', 'email'],
        ['where[0][val][0][val]', "o'brien+x@example.com"],
        ['select[]', 'email'],
      ]);
    } finally {
      await server.close();
    }
  });
});
