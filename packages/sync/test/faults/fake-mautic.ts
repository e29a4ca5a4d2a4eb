import { mauticBodies } from '@mautic-woo/testkit';

/**
 * A small stateful Mautic: contacts by email, contact fields, notes and email sends, with the
 * behaviours of the real server that make faults dangerous (see /work/shared/mautic-api.md):
 * - POST /contacts/new merges on email (200) or creates (201), and looks the email up before a
 *   short "save", so two concurrent creates for one email both create, as Mautic's
 *   check-then-insert does; the suite asserts the client never lets that happen;
 * - POST /fields/contact/new silently suffixes an alias already in use (`x` → `x1`);
 * - notes and email sends are recorded per WooCommerce order id (from the note text and the
 *   `{order_id}` token), so a duplicate is visible.
 * Transport faults and auth live in fault-server.ts; this file only applies requests.
 */

export interface FakeReply {
  status: number;
  json?: unknown;
  headers?: Record<string, string>;
}

export interface ParsedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

interface StoredContact {
  id: number;
  email: string;
  fields: Record<string, unknown>;
}

const CORE_FIELDS = ['firstname', 'lastname', 'email', 'phone', 'address1', 'address2', 'city', 'state', 'zipcode'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const increment = (map: Map<number, number>, key: number) => map.set(key, (map.get(key) ?? 0) + 1);

export class FakeMautic {
  readonly contacts: StoredContact[] = [];
  readonly fieldAliases: string[] = [...CORE_FIELDS];
  readonly notesByOrder = new Map<number, number>();
  readonly emailsByOrder = new Map<number, number>();
  /** Aliases Mautic had to suffix because a field was created twice (`x` → `x1`). */
  readonly renamedFields: string[] = [];
  #nextId = 1;

  /** Emails that more than one contact has: the duplicates a racing create would leave. */
  duplicateContacts(): Array<[string, number]> {
    const byEmail = new Map<string, number>();
    for (const c of this.contacts) byEmail.set(c.email, (byEmail.get(c.email) ?? 0) + 1);
    return [...byEmail].filter(([, n]) => n > 1);
  }

  ordersWithMoreThanOne(map: Map<number, number>): number[] {
    return [...map].filter(([, n]) => n > 1).map(([id]) => id);
  }

  #find(email: string): StoredContact | undefined {
    return this.contacts.find((c) => c.email === email.toLowerCase());
  }

  #contactBody(contact: StoredContact) {
    return mauticBodies.contactResponse(contact.id, { email: contact.email });
  }

  async handle(request: ParsedRequest): Promise<FakeReply> {
    const { method, path, body } = request;
    const record = (body ?? {}) as Record<string, unknown>;
    const edit = /^\/api\/contacts\/(\d+)\/edit$/.exec(path);
    const emailSend = /^\/api\/emails\/(\d+)\/contact\/(\d+)\/send$/.exec(path);

    if (method === 'GET' && path === '/api/contacts') {
      const email = request.query.get('where[0][val]') ?? '';
      const found = this.contacts
        .filter((c) => c.email === email.toLowerCase())
        .map((c) => ({ id: c.id, values: { email: c.email } }));
      return { status: 200, json: found.length ? mauticBodies.contactList(found) : { total: '0', contacts: {} } };
    }
    if (method === 'POST' && path === '/api/contacts/new') {
      const email = String(record.email ?? '').toLowerCase();
      if (!email) return { status: 400, json: mauticBodies.invalidField('email') };
      const existing = this.#find(email);
      // Mautic reads, then saves: a second create that arrives in between does not see the first.
      await sleep(2);
      if (existing) {
        Object.assign(existing.fields, record);
        return { status: 200, json: this.#contactBody(existing) };
      }
      const contact: StoredContact = { id: this.#nextId++, email, fields: { ...record } };
      this.contacts.push(contact);
      return { status: 201, json: this.#contactBody(contact) };
    }
    if (method === 'PATCH' && edit) {
      const contact = this.contacts.find((c) => c.id === Number(edit[1]));
      if (!contact) return { status: 404, json: mauticBodies.notFound() };
      Object.assign(contact.fields, record);
      return { status: 200, json: this.#contactBody(contact) };
    }
    if (method === 'GET' && path === '/api/fields/contact') {
      const start = Number(request.query.get('start') ?? 0);
      const limit = Number(request.query.get('limit') ?? 30);
      const page = this.fieldAliases.slice(start, start + limit).map((alias, i) => ({ id: start + i + 1, alias }));
      const list = mauticBodies.fieldList(page);
      return { status: 200, json: { ...list, total: this.fieldAliases.length } };
    }
    if (method === 'POST' && path === '/api/fields/contact/new') {
      let alias = String(record.alias ?? '');
      // Mautic's makeAliasUnique: an alias in use gets a number, silently.
      for (let n = 1; this.fieldAliases.includes(alias); n++) alias = `${String(record.alias)}${n}`;
      if (alias !== record.alias) this.renamedFields.push(alias);
      this.fieldAliases.push(alias);
      return { status: 201, json: mauticBodies.field(this.fieldAliases.length, alias) };
    }
    if (method === 'POST' && path === '/api/notes/new') {
      const lead = Number(record.lead);
      if (!this.contacts.some((c) => c.id === lead))
        return { status: 404, json: mauticBodies.notFound('Contact not found.') };
      const orderId = Number(/\(id (\d+)\)/.exec(String(record.text ?? ''))?.[1]);
      increment(this.notesByOrder, orderId);
      return { status: 201, json: mauticBodies.note(this.#nextId++, lead, String(record.text)) };
    }
    if (method === 'POST' && emailSend) {
      if (!this.contacts.some((c) => c.id === Number(emailSend[2]))) {
        return { status: 404, json: mauticBodies.notFound('Contact not found.') };
      }
      const tokens = (record.tokens ?? {}) as Record<string, unknown>;
      increment(this.emailsByOrder, Number(tokens['{order_id}']));
      return { status: 200, json: { success: true } };
    }
    return { status: 404, json: mauticBodies.errors(404, `Requested URL not found: ${path}`, { type: null }) };
  }
}
