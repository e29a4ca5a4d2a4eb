import { batchAnswer } from './fake-batch';
import { ContactQuery, type ContactQueryRules } from './fake-contact-query';
import { addDnc, removeDnc, type StoredDnc } from './fake-dnc';
import { mauticBodies } from './mautic-bodies';

/**
 * A small stateful Mautic with the write rules of the real server that the sync layer depends on
 * (see packages/spec): POST /contacts/new merges on email (200) or creates (201); blanks are
 * skipped unless `overwriteWithBlank`; tags are added and `-tag` removes; an ISO code for state or
 * country is refused with 400; an alias in use is suffixed (`x` → `x1`); lists are paged; one
 * do-not-contact entry per channel (see fake-dnc.ts); a deleted contact takes its notes with it. Tests
 * assert on what it holds afterwards, not only on what was sent.
 */

export interface StoredContact {
  id: number;
  email: string;
  values: Record<string, unknown>;
  tags: Set<string>;
  doNotContact: StoredDnc[];
}

export interface StoredField {
  id: number;
  alias: string;
  label: string;
  type: string;
  properties?: unknown;
}

export interface FakeMauticOptions {
  /** Custom field aliases that exist from the start (email, firstname and lastname always do). */
  fields?: string[];
  /** Answer field creation with 202 (columns created in the background). */
  queueFields?: boolean;
  /** Aliases Mautic gives another name on creation. */
  renameFields?: Record<string, string>;
  /**
   * Milliseconds between Mautic's duplicate check and its insert on POST /contacts/new. Mautic
   * reads, then saves: two creates for one email inside that window both create.
   */
  raceWindowMs?: number;
  /** `api_batch_max_limit`: a batch with more items is refused with 500. Default 200. */
  batchLimit?: number;
  /** State or country names Mautic's lists lack (refused with 400, like an ISO code). */
  refusedRegions?: string[];
  /** 5.1+ `charLengthLimit` of the core text fields: a longer value fails the whole contact with 400. */
  charLengthLimit?: number;
  /** Mautic 5.x's `where` escaping (on by default) and contact count cache (off by default). */
  contactQuery?: ContactQueryRules;
}

/** What the fake answers: always JSON (faults are the caller's to add). */
export interface FakeReply {
  status?: number;
  json: unknown;
  headers?: Record<string, string>;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

const CORE_TEXT = new Set(['email', 'firstname', 'lastname']);
const isBlank = (value: unknown) => value === '' || value === null;
const increment = (map: Map<number, number>, key: number) => map.set(key, (map.get(key) ?? 0) + 1);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FakeMautic {
  /** In creation order; two entries with one email are duplicates (see duplicateContacts). */
  readonly contacts: StoredContact[] = [];
  readonly fields = new Map<string, StoredField>();
  readonly notes: Array<{ lead: number; text: string; type: string }> = [];
  readonly emails: Array<{ emailId: number; contactId: number; tokens: Record<string, string> }> = [];
  readonly segments: Array<{ segmentId: number; contactId: number }> = [];
  /** Per WooCommerce order id (read from the note text and the `{order_id}` token). */
  readonly notesByOrder = new Map<number, number>();
  readonly emailsByOrder = new Map<number, number>();
  /** Aliases Mautic suffixed because a field was created twice. */
  readonly renamedFields: string[] = [];
  #nextId = 100;
  // Indexes over `contacts` (the first contact of an email, as a lookup finds it), so a benchmark's
  // thousands of contacts cost the fake no linear search per request.
  readonly #byEmail = new Map<string, StoredContact>();
  readonly #byId = new Map<number, StoredContact>();

  #add(contact: StoredContact): void {
    this.contacts.push(contact);
    if (!this.#byEmail.has(contact.email)) this.#byEmail.set(contact.email, contact);
    this.#byId.set(contact.id, contact);
  }

  #remove(contact: StoredContact): void {
    this.contacts.splice(this.contacts.indexOf(contact), 1);
    this.#byId.delete(contact.id);
    if (this.#byEmail.get(contact.email) !== contact) return;
    const next = this.contacts.find((c) => c.email === contact.email);
    if (next) this.#byEmail.set(contact.email, next);
    else this.#byEmail.delete(contact.email);
  }
  readonly #contactQuery: ContactQuery;

  constructor(private readonly options: FakeMauticOptions = {}) {
    this.#contactQuery = new ContactQuery(options.contactQuery);
    for (const alias of ['email', 'firstname', 'lastname', ...(options.fields ?? [])]) {
      this.fields.set(alias, { id: this.#nextId++, alias, label: alias, type: 'text' });
    }
  }

  contact(email: string): StoredContact | undefined {
    return this.#byEmail.get(email.toLowerCase());
  }

  duplicateContacts(): Array<[string, number]> {
    const byEmail = new Map<string, number>();
    for (const c of this.contacts) byEmail.set(c.email, (byEmail.get(c.email) ?? 0) + 1);
    return [...byEmail].filter(([, n]) => n > 1);
  }

  #body(c: StoredContact) {
    return {
      contact: {
        ...mauticBodies.contact(c.id, { email: c.email }),
        fields: { core: {}, social: [], personal: [], professional: [], all: { id: c.id, ...c.values } },
        tags: [...c.tags].map((tag, i) => ({ id: i + 1, tag })),
        doNotContact: c.doNotContact.map((entry) => ({ ...entry })),
      },
    };
  }

  /** Applies a contact write with Mautic's rules; a refusal is returned, not thrown. */
  #write(contact: StoredContact, input: Record<string, unknown>): FakeReply | null {
    // Mautic's form names every refused field in one answer.
    const invalid = ['state', 'country'].filter((field) => {
      const value = input[field];
      return typeof value === 'string' && (/^[A-Z]{2}$/.test(value) || this.options.refusedRegions?.includes(value));
    });
    if (invalid.length > 0) return { status: 400, json: mauticBodies.invalidFields(invalid) };
    const limit = this.options.charLengthLimit;
    for (const [alias, value] of Object.entries(input)) {
      // Checked on the core text fields only: the fake registers every custom field as `text`.
      if (limit && CORE_TEXT.has(alias) && typeof value === 'string' && value.length > limit) {
        const message = `This value is too long. It should have ${limit} characters or less.`;
        return {
          status: 400,
          json: mauticBodies.errors(400, `${alias}: ${message}`, { details: { [alias]: [message] } }),
        };
      }
    }
    const overwrite = input.overwriteWithBlank === true;
    for (const [key, value] of Object.entries(input)) {
      if (key === 'tags' || key === 'overwriteWithBlank' || (isBlank(value) && !overwrite)) continue;
      contact.values[key] = value;
    }
    const tags = typeof input.tags === 'string' ? input.tags.split(',') : ((input.tags as string[] | undefined) ?? []);
    for (const tag of tags) {
      if (tag.startsWith('-')) contact.tags.delete(tag.slice(1));
      else contact.tags.add(tag);
    }
    return null;
  }

  /** POST /contacts/new: merges into the contact with this email (200) or creates one (201). */
  async createContact(input: Record<string, unknown>): Promise<FakeReply> {
    const email = String(input.email ?? '').toLowerCase();
    if (!email) return { status: 400, json: mauticBodies.invalidField('email') };
    const existing = this.contact(email);
    if (this.options.raceWindowMs) await sleep(this.options.raceWindowMs);
    const contact = existing ?? { id: this.#nextId++, email, values: {}, tags: new Set<string>(), doNotContact: [] };
    const refused = this.#write(contact, input);
    if (refused) return refused;
    if (!existing) this.#add(contact);
    return { status: existing ? 200 : 201, json: this.#body(contact) };
  }

  /** PATCH /contacts/{id}/edit; in a batch an unknown id is `setBatchError`'s `{message, code, type: "api"}`. */
  editContact(id: number, input: Record<string, unknown>, inBatch = false): FakeReply {
    const contact = this.#byId.get(id);
    if (!contact) {
      const json = inBatch
        ? { errors: [{ message: 'Item was not found.', code: 404, type: 'api' }] }
        : mauticBodies.notFound();
      return { status: 404, json };
    }
    const { id: _id, ...values } = input;
    return this.#write(contact, values) ?? { json: this.#body(contact) };
  }

  async handle({ method, path, query, body }: FakeRequest): Promise<FakeReply> {
    const input = (body ?? {}) as Record<string, unknown>;
    const edit = /^\/api\/contacts\/(\d+)\/edit$/.exec(path);
    const send = /^\/api\/emails\/(\d+)\/contact\/(\d+)\/send$/.exec(path);
    const segment = /^\/api\/segments\/(\d+)\/contact\/(\d+)\/(add|remove)$/.exec(path);
    const remove = /^\/api\/contacts\/(\d+)\/delete$/.exec(path);
    const dnc = /^\/api\/contacts\/(\d+)\/dnc\/(\w+)\/(add|remove)$/.exec(path);
    const known = (id: number) => this.#byId.has(id);
    const byId = (id: string | undefined) => this.#byId.get(Number(id));

    if (method === 'GET' && path === '/api/contacts') {
      const { total, page } = this.#contactQuery.select(this.contacts, query);
      return {
        json: {
          total: String(total),
          contacts: Object.fromEntries(page.map((c) => [c.id, this.#body(c).contact])),
        },
        headers: { 'mautic-version': '5.1.1' },
      };
    }
    if (method === 'POST' && path === '/api/contacts/new') return this.createContact(input);
    if (method === 'PATCH' && edit) return this.editContact(Number(edit[1]), input);
    if (method === 'POST' && path === '/api/contacts/batch/new') {
      return batchAnswer(body, this.options.batchLimit, 201, (item) => this.createContact(item));
    }
    if ((method === 'PATCH' || method === 'PUT') && path === '/api/contacts/batch/edit') {
      return batchAnswer(body, this.options.batchLimit, 200, (item) => this.editContact(Number(item.id), item, true));
    }
    const one = /^\/api\/contacts\/(\d+)$/.exec(path);
    if (method === 'GET' && one) {
      const contact = byId(one[1]);
      return contact ? { json: this.#body(contact) } : { status: 404, json: mauticBodies.notFound() };
    }
    if (method === 'GET' && path === '/api/fields/contact') {
      const start = Number(query.get('start') ?? 0);
      const all = [...this.fields.values()];
      const page = all.slice(start, start + Number(query.get('limit') ?? 30));
      return { json: { ...mauticBodies.fieldList(page), total: all.length } };
    }
    if (method === 'POST' && path === '/api/fields/contact/new') {
      const wanted = this.options.renameFields?.[String(input.alias)] ?? String(input.alias);
      let alias = wanted;
      // Mautic's makeAliasUnique: an alias in use gets a number, silently.
      for (let n = 1; this.fields.has(alias); n++) alias = `${wanted}${n}`;
      if (alias !== wanted) this.renamedFields.push(alias);
      const field = {
        id: this.#nextId++,
        alias,
        label: String(input.label),
        type: String(input.type),
        properties: input.properties,
      };
      this.fields.set(alias, field);
      const queued = this.options.queueFields === true;
      return { status: queued ? 202 : 201, json: { field: { ...field, isPublished: !queued } } };
    }
    if (method === 'POST' && path === '/api/notes/new') {
      const note = { lead: Number(input.lead), text: String(input.text), type: String(input.type) };
      if (!known(note.lead)) return { status: 404, json: mauticBodies.notFound('Contact not found.') };
      this.notes.push(note);
      increment(this.notesByOrder, Number(/\(id (\d+)\)/.exec(note.text)?.[1]));
      return { status: 201, json: mauticBodies.note(this.notes.length, note.lead, note.text) };
    }
    if (method === 'POST' && send) {
      const contactId = Number(send[2]);
      if (!known(contactId)) return { status: 404, json: mauticBodies.notFound('Contact not found.') };
      const tokens = (input.tokens ?? {}) as Record<string, string>;
      this.emails.push({ emailId: Number(send[1]), contactId, tokens });
      increment(this.emailsByOrder, Number(tokens['{order_id}']));
      return { json: { success: true } };
    }
    if (method === 'POST' && segment) {
      const [segmentId, contactId] = [Number(segment[1]), Number(segment[2])];
      if (!known(contactId)) return { status: 404, json: mauticBodies.notFound('Contact not found.') };
      const others = this.segments.filter((m) => m.segmentId !== segmentId || m.contactId !== contactId);
      this.segments.splice(0, this.segments.length, ...others);
      if (segment[3] === 'add') this.segments.push({ segmentId, contactId });
      return { json: { success: 1 } };
    }
    if (method === 'DELETE' && remove) {
      const contact = byId(remove[1]);
      if (!contact) return { status: 404, json: mauticBodies.notFound() };
      this.#remove(contact);
      const kept = this.notes.filter((note) => note.lead !== contact.id);
      this.notes.splice(0, this.notes.length, ...kept);
      const body = this.#body(contact);
      return { json: { contact: { ...body.contact, id: null } } };
    }
    if (method === 'POST' && dnc) {
      const contact = byId(dnc[1]);
      if (!contact) return { status: 404, json: mauticBodies.notFound() };
      if (dnc[3] === 'remove') {
        const recordFound = removeDnc(contact.doNotContact, String(dnc[2]));
        return { json: { recordFound, ...this.#body(contact) } };
      }
      const refused = addDnc(contact.doNotContact, String(dnc[2]), input, () => this.#nextId++);
      if (refused) return { status: 400, json: mauticBodies.errors(400, refused) };
      return { json: this.#body(contact) };
    }
    return { status: 404, json: mauticBodies.errors(404, `Requested URL not found: ${path}`, { type: null }) };
  }
}
