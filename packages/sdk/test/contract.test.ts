import { type PrismServer, startPrism } from '@mautic-woo/testkit';
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
  requestToken: (headers) =>
    sdk.requestToken({
      client,
      headers,
      body: { grant_type: 'client_credentials', client_id: 'client-id', client_secret: 'client-secret' },
    }),
};

const examples = loadResponseExamples();

describe('the SDK exports one function per operation', () => {
  it('has all twelve', () => {
    const expected = Object.keys(calls).sort();
    expect(expected).toHaveLength(12);
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

  it('a request without credentials is refused with 401', async () => {
    const anonymous = sdk.createClient(sdk.createConfig({ baseUrl: prism.url, retry: 0 }));
    const { response } = await sdk.getContact({ client: anonymous, path: { id: 1 } });
    expect(response.status).toBe(401);
  });
});
