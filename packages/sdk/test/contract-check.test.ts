import { checkContract } from '@mautic-woo/spec/contract';
import { type PrismServer, type ScriptedServer, startPrism, startScriptedServer } from '@mautic-woo/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// The live contract check of @mautic-woo/spec, run where the Prism launcher and the scripted server
// live (the spec package cannot depend on the testkit, which depends on it).

const auth = { authorization: `Basic ${Buffer.from('api:secret').toString('base64')}` };
const summary = (checks: { operationId: string; status: number | null; ok: boolean }[]) =>
  checks.map((c) => `${c.operationId} ${c.status} ${c.ok ? 'ok' : 'MISMATCH'}`);

describe('against Prism serving the spec', () => {
  let prism: PrismServer;
  beforeAll(async () => {
    prism = await startPrism({ errors: true });
  });
  afterAll(async () => {
    await prism?.close();
  });

  it('reads contacts, one contact, fields and tags, and finds nothing wrong', async () => {
    const report = await checkContract({ baseUrl: prism.url, headers: auth });
    expect(summary(report.checks)).toEqual([
      'listContacts 200 ok',
      'getContact 200 ok',
      'listContactFields 200 ok',
      'listTags 200 ok',
    ]);
    expect(report.ok).toBe(true);
  });

  it('with write: true also creates, reads and deletes one test contact', async () => {
    const report = await checkContract({ baseUrl: `${prism.url}/`, headers: auth, write: true });
    expect(summary(report.checks)).toEqual([
      'listContacts 200 ok',
      'getContact 200 ok',
      'listContactFields 200 ok',
      'listTags 200 ok',
      'createContact 200 ok',
      'getContact 200 ok',
      'deleteContact 200 ok',
    ]);
  });

  it('reports the 401 of a call without credentials, and what the error body is', async () => {
    const report = await checkContract({ baseUrl: prism.url });
    expect(report.ok).toBe(false);
    expect(report.checks[0]).toEqual({
      operationId: 'listContacts',
      status: 401,
      ok: false,
      mismatches: [{ path: '', message: 'expected a 2xx answer, got 401' }],
    });
  });
});

describe('against a server answering wrong shapes', () => {
  let server: ScriptedServer;
  afterEach(async () => {
    await server?.close();
  });

  const contact = { id: 7, fields: { core: [], social: [], personal: [], professional: [], all: { id: 7 } } };

  async function mautic(routes: (s: ScriptedServer) => void) {
    server = await startScriptedServer();
    server.route('GET', '/api/contacts', { json: { total: '1', contacts: { 7: contact } } });
    server.route('GET', '/api/contacts/:id', { json: { contact } });
    server.route('GET', '/api/fields/contact', { json: { total: 0, fields: [] } });
    server.route('GET', '/api/tags', { json: { total: 0, tags: [] } });
    routes(server);
    return server;
  }

  it('a contacts total sent as a number is reported at /total', async () => {
    const s = await mautic((r) => r.route('GET', '/api/contacts', { json: { total: 1, contacts: { 7: contact } } }));
    const report = await checkContract({ baseUrl: s.url, headers: auth });
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.operationId === 'listContacts')).toEqual({
      operationId: 'listContacts',
      status: 200,
      ok: false,
      mismatches: [{ path: '/total', message: 'must be string' }],
    });
    expect(report.checks.filter((c) => !c.ok).map((c) => c.operationId)).toEqual(['listContacts']);
  });

  it('a contact without `fields` is reported at /contact', async () => {
    const s = await mautic((r) => r.route('GET', '/api/contacts/:id', { json: { contact: { id: 7 } } }));
    const report = await checkContract({ baseUrl: s.url, headers: auth });
    const check = report.checks.find((c) => c.operationId === 'getContact');
    expect(check?.ok).toBe(false);
    expect(check?.mismatches).toEqual([{ path: '/contact', message: "must have required property 'fields'" }]);
  });

  it('an HTML page, a status the spec does not know and a dropped connection are each reported', async () => {
    const s = await mautic((r) => {
      r.route('GET', '/api/fields/contact', { status: 200, body: '<html>Maintenance</html>' });
      r.route('GET', '/api/tags', { status: 418, json: { errors: [{ code: 418, message: 'teapot' }] } });
      r.route('GET', '/api/contacts/:id', { reset: true });
    });
    const report = await checkContract({ baseUrl: s.url, headers: auth });
    expect(report.checks.map((c) => [c.operationId, c.status, c.mismatches.map((m) => m.message)])).toEqual([
      ['listContacts', 200, []],
      ['getContact', null, ['no answer (TypeError)']],
      ['listContactFields', 200, ['the body is not JSON (text/html; charset=UTF-8)']],
      ['listTags', 418, ['expected a 2xx answer, got 418', 'status 418 is not in the spec']],
    ]);
  });

  it('keeps emails and credentials out of the report', async () => {
    const keyedByEmail = { total: '1', contacts: { 'jane.doe@example.com': contact } };
    const s = await mautic((r) => r.route('GET', '/api/contacts', { json: keyedByEmail }));
    const report = await checkContract({ baseUrl: s.url, headers: auth });
    const text = JSON.stringify(report);
    expect(report.checks[0]?.ok).toBe(false);
    expect(text).not.toContain('jane.doe');
    expect(text).not.toContain(auth.authorization.slice(6));
    expect(s.requests.every((r) => r.headers.authorization === auth.authorization)).toBe(true);
  });

  it('with write: true sends one create and deletes exactly the contact it created', async () => {
    const s = await mautic((r) => {
      r.route('POST', '/api/contacts/new', { status: 201, json: { contact: { ...contact, id: 91 } } });
      r.route('DELETE', '/api/contacts/:id/delete', { json: { contact: { ...contact, id: null } } });
    });
    const report = await checkContract({ baseUrl: s.url, headers: auth, write: true });
    expect(report.ok).toBe(true);
    expect(s.received('POST', '/api/contacts/new')).toHaveLength(1);
    expect(s.received('DELETE', '/api/contacts/:id/delete').map((r) => r.path)).toEqual(['/api/contacts/91/delete']);
    expect(JSON.stringify(report)).not.toContain('@example.com');
  });

  it('without write: true sends only GETs', async () => {
    const s = await mautic(() => {});
    await checkContract({ baseUrl: s.url, headers: auth });
    expect(new Set(s.requests.map((r) => r.method))).toEqual(new Set(['GET']));
  });
});
