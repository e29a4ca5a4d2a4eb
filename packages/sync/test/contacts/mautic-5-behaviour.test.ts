import { type FakeMauticServer, startFakeMautic } from '@mautic-woo/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { MAUTIC_WOO_FIELDS, MauticServerError } from '../../src';
import { basicClient, useScriptedServer } from '../helpers/harness';
import { order723 } from '../helpers/woo-fixtures';

// What Mautic 5.x's own code does that no docs page shows (packages/spec/README.md).
let fake: FakeMauticServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
const server = useScriptedServer();

describe('exact lookup where Mautic 5.x HTML-escapes where values', () => {
  it.each(["o'brien@example.com", 'tom&jerry@example.com', "o'r_%il&y@example.com"])(
    'finds %s, and not a same-length neighbour',
    async (email) => {
      fake = await startFakeMautic();
      const mautic = basicClient(fake.server);
      // A neighbour the LIKE pattern also matches, created first so it has the lower id.
      await mautic.contacts.upsert({ email: email.replace(/[&'"]/g, 'x') });
      const created = await mautic.contacts.upsert({ email });
      const fresh = basicClient(fake.server); // no id cache
      expect((await fresh.contacts.findByEmail(email))?.id).toBe(created.contact.id);
      const lookup = fake.server.requests.at(-1);
      expect(lookup?.query.get('where[0][expr]')).toBe('like');
      // Never a prefix or substring match: the pattern has no unescaped `%`.
      expect(lookup?.query.get('where[0][val]')).not.toMatch(/(^|[^\\])%/);
    },
  );

  it('still finds nobody when only a neighbour exists', async () => {
    fake = await startFakeMautic();
    await basicClient(fake.server).contacts.upsert({ email: 'oxbrien@example.com' });
    expect(await basicClient(fake.server).contacts.findByEmail("o'brien@example.com")).toBeNull();
  });
});

describe("Mautic 5.1's contact count cache", () => {
  it('a create right after a lookup that found nobody does not make a second contact', async () => {
    fake = await startFakeMautic({
      fields: MAUTIC_WOO_FIELDS.map((f) => f.alias),
      contactQuery: { countCacheMs: 60_000 },
    });
    // Two processes (no shared id cache): the second one's lookup hits the cached total of 0.
    const first = await basicClient(fake.server).syncOrder(order723());
    const second = await basicClient(fake.server).syncOrder(order723());
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.contactId).toBe(first.contactId);
    expect(fake.mautic.contacts).toHaveLength(1);
  });
});

describe('a note refused with 500', () => {
  it('says it is the non-admin note bug of Mautic 5.x and what fixes it', async () => {
    server.route('POST', '/api/contacts/new', { status: 201, json: { contact: { id: 5, fields: { all: {} } } } });
    server.route('GET', '/api/contacts', { json: { total: '0', contacts: {} } });
    server.route('POST', '/api/notes/new', {
      status: 500,
      json: { errors: [{ code: 500, message: 'Looks like I encountered an error (error #500).', type: null }] },
    });
    const result = await basicClient(server).syncOrder(order723(), { ensureFields: false, note: true });
    const note = result.steps.find((s) => s.step === 'note');
    expect(note?.status).toBe('failed');
    const error = note?.status === 'failed' ? note.error : undefined;
    expect(error).toBeInstanceOf(MauticServerError);
    expect(error?.message).toContain('not an administrator');
    // A 500 is never repeated: one note request.
    expect(server.requests.filter((r) => r.path === '/api/notes/new')).toHaveLength(1);
  });
});

describe('boolean fields', () => {
  const withFlag = (id: number, value: unknown) => ({
    id,
    fields: {
      core: { vip: { alias: 'vip', type: 'boolean', value } },
      social: [],
      all: { id, email: 'a@example.com', vip: value },
    },
  });

  it('read back as booleans from GET one (0/1), lists ("0"/"1") and edits (true/false)', async () => {
    server.route('GET', '/api/contacts/5', { json: { contact: withFlag(5, 1) } });
    server.route('GET', '/api/contacts', { json: { total: '1', contacts: { 6: withFlag(6, '0') } } });
    server.route('PATCH', '/api/contacts/7/edit', { json: { contact: withFlag(7, true) } });
    const mautic = basicClient(server);
    expect((await mautic.contacts.get(5)).fields.all.vip).toBe(true);
    expect((await mautic.contacts.list({ limit: 1 })).contacts[0]?.fields.all.vip).toBe(false);
    expect((await mautic.contacts.update(7, { vip: true })).fields.all.vip).toBe(true);
  });

  it('an empty boolean reads as null, not false', async () => {
    server.route('GET', '/api/contacts/5', { json: { contact: withFlag(5, null) } });
    expect((await basicClient(server).contacts.get(5)).fields.all.vip).toBeNull();
  });
});
