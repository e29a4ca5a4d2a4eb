import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAUTIC_WOO_FIELDS } from '@mautic-woo/sync';
import { mauticBodies, readBody } from '@mautic-woo/testkit';

/**
 * A small Mautic stand-in for the benchmarks, on loopback. It keeps counters, never a log of
 * requests, so a run of 100,000 orders does not grow the server (and the parent's memory) with
 * each request. With `remember` it keeps email → id, so a repeat call finds the contact; without
 * it every lookup misses and every create is new (the memory benchmark's 100,000 customers).
 */

export interface LocalMauticOptions {
  /** Added to every answer, as a network round trip would be. */
  latencyMs?: number;
  /** Keep contacts by email (lookups hit, creates merge); off = stateless, counters only. */
  remember?: boolean;
}

export interface LocalMautic {
  url: string;
  /** Requests per route, keyed `METHOD /route`. */
  counts: Map<string, number>;
  total(): number;
  resetCounts(): void;
  /** Sum of the time between a request's arrival and its answer, for the latency actually served. */
  servedMs(): number;
  close(): Promise<void>;
}

const WOO_FIELDS = MAUTIC_WOO_FIELDS.map((f) => f.alias);
const CORE_FIELDS = ['firstname', 'lastname', 'email', 'phone', 'address1', 'address2', 'city', 'state', 'zipcode'];

/** A contact as a real Mautic 5 returns it: every core field present, most of them null. */
export function realisticContactBody(id: number, email = `customer-${id}@example.com`): string {
  return JSON.stringify(
    mauticBodies.contactResponse(id, {
      title: null,
      firstname: 'John',
      lastname: 'Doe',
      company: null,
      position: null,
      email,
      mobile: null,
      phone: '(555) 555-5555',
      points: 0,
      fax: null,
      address1: '969 Market',
      address2: null,
      city: 'San Francisco',
      state: 'California',
      zipcode: '94103',
      country: 'United States',
      preferred_locale: null,
      timezone: null,
      last_active: null,
      attribution_date: null,
      attribution: null,
      website: null,
      facebook: null,
      foursquare: null,
      instagram: null,
      linkedin: null,
      skype: null,
      twitter: null,
      mautic_woo_order_data: '{"id":727,"number":"727","status":"processing","total":"29.35"}',
      mautic_woo_total_spent: 29.35,
      mautic_woo_order_count: 1,
    }),
  );
}

const FIELD_LIST = JSON.stringify(
  mauticBodies.fieldList([...CORE_FIELDS, ...WOO_FIELDS].map((alias, i) => ({ id: i + 1, alias }))),
);
const EMPTY_CONTACTS = JSON.stringify({ total: '0', contacts: {} });

function emailOf(raw: string): string | null {
  try {
    const email = (JSON.parse(raw) as { email?: unknown }).email;
    return typeof email === 'string' ? email.toLowerCase() : null;
  } catch {
    return null;
  }
}

export async function startLocalMautic(options: LocalMauticOptions = {}): Promise<LocalMautic> {
  const latencyMs = options.latencyMs ?? 0;
  const counts = new Map<string, number>();
  const contacts = new Map<string, number>();
  let nextId = 1;
  let served = 0;

  const answer = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json', 'mautic-version': '5.1.1' });
    res.end(body);
  };

  async function route(method: string, url: URL, raw: string): Promise<[string, number, string]> {
    const path = url.pathname;
    if (method === 'GET' && /^\/api\/contacts\/\d+$/.test(path)) {
      return ['GET /api/contacts/:id', 200, realisticContactBody(Number(path.split('/')[3]))];
    }
    if (method === 'GET' && path === '/api/contacts') {
      const email = url.searchParams.get('where[0][val]')?.toLowerCase();
      const id = email ? contacts.get(email) : undefined;
      const body =
        id === undefined || email === undefined
          ? EMPTY_CONTACTS
          : JSON.stringify(mauticBodies.contactList([{ id, values: { email } }]));
      return ['GET /api/contacts?where', 200, body];
    }
    if (method === 'POST' && path === '/api/contacts/new') {
      const email = emailOf(raw) ?? 'unknown@example.com';
      const known = options.remember ? contacts.get(email) : undefined;
      const id = known ?? nextId++;
      if (options.remember && known === undefined) contacts.set(email, id);
      return ['POST /api/contacts/new', known === undefined ? 201 : 200, realisticContactBody(id, email)];
    }
    if (method === 'POST' && path === '/api/contacts/batch/new') {
      // Every item created: `contacts` and `statusCodes` as lists (no item failed), as Mautic answers.
      const items = JSON.parse(raw) as Array<{ email?: string }>;
      const contacts = items.map((item) => realisticContactBody(nextId++, item.email));
      const body = `{"contacts":[${contacts.join(',')}],"statusCodes":[${items.map(() => 201).join(',')}]}`;
      return ['POST /api/contacts/batch/new', 201, body];
    }
    if (method === 'PATCH' && /^\/api\/contacts\/\d+\/edit$/.test(path)) {
      const id = Number(path.split('/')[3]);
      return ['PATCH /api/contacts/:id/edit', 200, realisticContactBody(id, emailOf(raw) ?? undefined)];
    }
    if (method === 'GET' && path === '/api/fields/contact') return ['GET /api/fields/contact', 200, FIELD_LIST];
    if (method === 'POST' && path === '/api/fields/contact/new') {
      return ['POST /api/fields/contact/new', 201, JSON.stringify(mauticBodies.field(99, 'x'))];
    }
    if (method === 'POST' && path === '/api/notes/new') {
      return ['POST /api/notes/new', 201, JSON.stringify(mauticBodies.note(nextId++, 1, 'note'))];
    }
    if (method === 'POST' && /^\/api\/emails\/\d+\/contact\/\d+\/send$/.test(path)) {
      return ['POST /api/emails/:id/contact/:cid/send', 200, '{"success":true}'];
    }
    if (method === 'POST' && /^\/api\/segments\/\d+\/contact\/\d+\/add$/.test(path)) {
      return ['POST /api/segments/:id/contact/:cid/add', 200, '{"success":1}'];
    }
    if (method === 'POST' && path === '/oauth/v2/token') {
      return ['POST /oauth/v2/token', 200, JSON.stringify(mauticBodies.token(`access-${nextId++}`))];
    }
    return [`${method} ${path}`, 404, JSON.stringify(mauticBodies.notFound('Requested URL not found'))];
  }

  const server = createServer(async (req, res) => {
    const arrived = performance.now();
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [key, status, body] = await route(req.method ?? 'GET', url, raw);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    answer(res, status, body);
    served += performance.now() - arrived;
  });
  // Longer than any client's idle timeout, so connections are reused as against a real server.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    resetCounts() {
      counts.clear();
      served = 0;
    },
    servedMs: () => served,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
