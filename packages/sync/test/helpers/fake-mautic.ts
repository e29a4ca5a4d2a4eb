import {
  mauticBodies,
  type RecordedRequest,
  type Reply,
  type ScriptedServer,
  startScriptedServer,
} from '@mautic-woo/testkit';

/**
 * A small stateful Mautic for workflow tests: contacts keyed by email with Mautic's write rules
 * (merge on email, blanks skipped without overwriteWithBlank, tags added and `-tag` removed,
 * ISO codes refused for state/country), fields, notes, email sends and segments. Tests assert on
 * what it holds afterwards, not only on what was sent.
 */

export interface StoredContact {
  id: number;
  values: Record<string, unknown>;
  tags: Set<string>;
}

export interface FakeMautic {
  server: ScriptedServer;
  url: string;
  contacts: Map<string, StoredContact>;
  fields: Map<string, { id: number; alias: string; label: string; type: string; properties?: unknown }>;
  notes: Array<{ lead: number; text: string; type: string }>;
  emails: Array<{ emailId: number; contactId: number; tokens: Record<string, string> }>;
  segments: Array<{ segmentId: number; contactId: number }>;
  creates: Map<string, number>;
  /** Replace a route's behaviour for one test (faults), before the fake's own handler. */
  fail(method: string, path: string, when: (request: RecordedRequest) => Reply | undefined): void;
  close(): Promise<void>;
}

export interface FakeOptions {
  fields?: string[];
  /** Answer field creation with 202 (background column creation). */
  queueFields?: boolean;
  /** Aliases Mautic gives another name on creation. */
  renameFields?: Record<string, string>;
}

const isBlank = (value: unknown) => value === '' || value === null;

export async function startFakeMautic(options: FakeOptions = {}): Promise<FakeMautic> {
  const server = await startScriptedServer();
  const contacts = new Map<string, StoredContact>();
  const byId = new Map<number, StoredContact>();
  const fields: FakeMautic['fields'] = new Map();
  let nextId = 100;
  for (const alias of ['email', 'firstname', 'lastname', ...(options.fields ?? [])]) {
    fields.set(alias, { id: nextId++, alias, label: alias, type: 'text' });
  }
  const fake: FakeMautic = {
    server,
    url: server.url,
    contacts,
    fields,
    notes: [],
    emails: [],
    segments: [],
    creates: new Map(),
    fail: () => undefined,
    close: () => server.close(),
  };
  const faults: Array<{ method: string; path: RegExp; when: (r: RecordedRequest) => Reply | undefined }> = [];
  fake.fail = (method, path, when) => {
    faults.push({ method, path: new RegExp(`^${path.replace(/:[a-z]+/gi, '[^/]+')}$`), when });
  };
  const route = (method: string, path: string, handler: (r: RecordedRequest) => Reply) => {
    server.route(method, path, (request) => {
      for (const fault of faults) {
        if (fault.method === method && fault.path.test(request.path)) {
          const reply = fault.when(request);
          if (reply) return reply;
        }
      }
      return handler(request);
    });
  };
  const body = (c: StoredContact) => ({
    contact: {
      ...mauticBodies.contact(c.id, { email: String(c.values.email) }),
      fields: { core: {}, social: [], personal: [], professional: [], all: { id: c.id, ...c.values } },
      tags: [...c.tags].map((tag, i) => ({ id: i + 1, tag })),
    },
  });
  const write = (c: StoredContact, input: Record<string, unknown>): Reply | null => {
    for (const field of ['state', 'country']) {
      const value = input[field];
      if (typeof value === 'string' && value !== '' && /^[A-Z]{2}$/.test(value)) {
        return { status: 400, json: mauticBodies.invalidField(field) };
      }
    }
    const overwrite = input.overwriteWithBlank === true;
    for (const [key, value] of Object.entries(input)) {
      if (key === 'tags' || key === 'overwriteWithBlank') continue;
      if (isBlank(value) && !overwrite) continue;
      c.values[key] = value;
    }
    const tags = typeof input.tags === 'string' ? input.tags.split(',') : ((input.tags as string[]) ?? []);
    for (const tag of tags) {
      if (tag.startsWith('-')) c.tags.delete(tag.slice(1));
      else c.tags.add(tag);
    }
    return null;
  };

  route('GET', '/api/contacts', (r) => {
    const email = r.query.get('where[0][val]');
    const match = email ? contacts.get(email.toLowerCase()) : undefined;
    const list = email ? (match ? [match] : []) : [...contacts.values()].slice(0, Number(r.query.get('limit') ?? 30));
    return {
      json: { total: String(list.length), contacts: Object.fromEntries(list.map((c) => [c.id, body(c).contact])) },
      headers: { 'mautic-version': '5.1.1' },
    };
  });
  route('POST', '/api/contacts/new', (r) => {
    const input = r.body as Record<string, unknown>;
    const email = String(input.email).toLowerCase();
    const existing = contacts.get(email);
    const contact = existing ?? { id: nextId++, values: {}, tags: new Set<string>() };
    const refused = write(contact, input);
    if (refused) return refused;
    if (!existing) {
      contacts.set(email, contact);
      byId.set(contact.id, contact);
      fake.creates.set(email, (fake.creates.get(email) ?? 0) + 1);
    }
    return { status: existing ? 200 : 201, json: body(contact) };
  });
  route('PATCH', '/api/contacts/:id/edit', (r) => {
    const contact = byId.get(Number(r.params.id));
    if (!contact) return { status: 404, json: mauticBodies.notFound() };
    const refused = write(contact, r.body as Record<string, unknown>);
    return refused ?? { json: body(contact) };
  });
  route('GET', '/api/fields/contact', (r) => {
    // Mautic pages lists: 30 by default; honour start/limit like the server does.
    const start = Number(r.query.get('start') ?? 0);
    const limit = Number(r.query.get('limit') ?? 30);
    const all = [...fields.values()];
    return { json: { ...mauticBodies.fieldList(all.slice(start, start + limit)), total: all.length } };
  });
  route('POST', '/api/fields/contact/new', (r) => {
    const input = r.body as { alias: string; label: string; type: string; properties?: unknown };
    const alias = options.renameFields?.[input.alias] ?? input.alias;
    const field = { id: nextId++, alias, label: input.label, type: input.type, properties: input.properties };
    fields.set(alias, field);
    return {
      status: options.queueFields ? 202 : 201,
      json: { field: { ...field, isPublished: !options.queueFields } },
    };
  });
  route('POST', '/api/notes/new', (r) => {
    const input = r.body as { lead: number; text: string; type: string };
    if (!byId.has(input.lead)) return { status: 404, json: mauticBodies.notFound('Contact not found.') };
    fake.notes.push(input);
    return { status: 201, json: mauticBodies.note(fake.notes.length, input.lead, input.text) };
  });
  route('POST', '/api/emails/:emailId/contact/:contactId/send', (r) => {
    const tokens = ((r.body as { tokens?: Record<string, string> })?.tokens ?? {}) as Record<string, string>;
    fake.emails.push({ emailId: Number(r.params.emailId), contactId: Number(r.params.contactId), tokens });
    return { json: { success: true } };
  });
  route('POST', '/api/segments/:segmentId/contact/:contactId/add', (r) => {
    fake.segments.push({ segmentId: Number(r.params.segmentId), contactId: Number(r.params.contactId) });
    return { json: { success: 1 } };
  });
  return fake;
}
