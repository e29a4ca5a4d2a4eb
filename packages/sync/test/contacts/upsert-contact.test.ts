import { mauticBodies } from '@mautic-woo/testkit';
import { describe, expect, it } from 'vitest';
import { MauticInvalidInputError, MauticValidationError } from '../../src';
import { basicClient, rejection, useScriptedServer } from '../helpers/harness';

const server = useScriptedServer();

const found = (id: number, email: string) => ({ json: mauticBodies.contactList([{ id, values: { email } }]) });
const none = { json: mauticBodies.contactList([]) };
const saved = (id: number, status = 200) => ({
  status,
  json: mauticBodies.contactResponse(id, { email: 'a@example.com' }),
});
const paths = () => server.requests.map((r) => `${r.method} ${r.path}`);

describe('createOrUpdateContact (lookup)', () => {
  it('creates a contact that does not exist: lookup, then POST /contacts/new', async () => {
    server.route('GET', '/api/contacts', none).route('POST', '/api/contacts/new', saved(11, 201));
    const result = await basicClient(server).contacts.upsert({
      email: 'a@example.com',
      firstname: 'Ann',
      tags: ['vip'],
    });
    expect(result).toMatchObject({ created: true, droppedFields: [] });
    expect(result.contact.id).toBe(11);
    expect(paths()).toEqual(['GET /api/contacts', 'POST /api/contacts/new']);
    expect(server.requests[1]?.body).toEqual({ email: 'a@example.com', firstname: 'Ann', tags: ['vip'] });
  });

  it('edits the contact that exists: lookup, then PATCH /contacts/{id}/edit', async () => {
    server.route('GET', '/api/contacts', found(8, 'a@example.com')).route('PATCH', '/api/contacts/:id/edit', saved(8));
    const result = await basicClient(server).contacts.upsert({ email: 'a@example.com', city: 'Lyon' });
    expect(result.created).toBe(false);
    expect(paths()).toEqual(['GET /api/contacts', 'PATCH /api/contacts/8/edit']);
  });

  it('looks an email up once per client', async () => {
    server.route('GET', '/api/contacts', found(8, 'a@example.com')).route('PATCH', '/api/contacts/:id/edit', saved(8));
    const mautic = basicClient(server);
    await mautic.contacts.upsert({ email: 'a@example.com', city: 'Lyon' });
    await mautic.contacts.upsert({ email: 'A@example.com', city: 'Paris' });
    expect(server.received('GET', '/api/contacts')).toHaveLength(1);
    expect(server.received('PATCH', '/api/contacts/:id/edit')).toHaveLength(2);
  });

  it('creates again when the remembered contact was deleted meanwhile', async () => {
    server
      .route('GET', '/api/contacts', found(8, 'a@example.com'))
      .route('PATCH', '/api/contacts/:id/edit', [saved(8), { status: 404, json: mauticBodies.notFound() }])
      .route('POST', '/api/contacts/new', saved(15, 201));
    const mautic = basicClient(server);
    await mautic.contacts.upsert({ email: 'a@example.com' });
    const again = await mautic.contacts.upsert({ email: 'a@example.com' });
    expect(again).toMatchObject({ created: true });
    expect(again.contact.id).toBe(15);
  });

  it('retries as an edit when the create is refused because the email exists', async () => {
    server
      .route('GET', '/api/contacts', [none, found(21, 'a@example.com')])
      .route('POST', '/api/contacts/new', {
        status: 400,
        json: mauticBodies.errors(400, 'email: This email is already in use.', {
          details: { email: ['This email is already in use.'] },
        }),
      })
      .route('PATCH', '/api/contacts/:id/edit', saved(21));
    const result = await basicClient(server).contacts.upsert({ email: 'a@example.com' });
    expect(result.created).toBe(false);
    expect(paths()).toEqual([
      'GET /api/contacts',
      'POST /api/contacts/new',
      'GET /api/contacts',
      'PATCH /api/contacts/21/edit',
    ]);
  });

  it.each(['state', 'country'])('drops a refused %s, saves the rest and reports it', async (field) => {
    server
      .route('GET', '/api/contacts', none)
      .route('POST', '/api/contacts/new', [{ status: 400, json: mauticBodies.invalidField(field) }, saved(30, 201)]);
    const result = await basicClient(server).contacts.upsert({
      email: 'a@example.com',
      city: 'Austin',
      [field]: 'TX',
    });
    expect(result.droppedFields).toEqual([field]);
    const [first, second] = server.received('POST', '/api/contacts/new');
    expect(first?.body).toMatchObject({ [field]: 'TX', city: 'Austin' });
    expect(second?.body).toEqual({ email: 'a@example.com', city: 'Austin' });
  });

  it('drops state and country together when both are refused', async () => {
    server.route('GET', '/api/contacts', none).route('POST', '/api/contacts/new', [
      {
        status: 400,
        json: mauticBodies.errors(400, 'state: This value is not valid., country: This value is not valid.', {
          details: { state: ['This value is not valid.'], country: ['This value is not valid.'] },
        }),
      },
      saved(30, 201),
    ]);
    const result = await basicClient(server).contacts.upsert({
      email: 'a@example.com',
      state: 'X',
      country: 'Y',
    });
    expect(result.droppedFields.sort()).toEqual(['country', 'state']);
  });

  it('does not retry other validation errors', async () => {
    server
      .route('GET', '/api/contacts', none)
      .route('POST', '/api/contacts/new', { status: 400, json: mauticBodies.invalidField('zipcode') });
    const error = await rejection(basicClient(server).contacts.upsert({ email: 'a@example.com', zipcode: '?' }));
    expect(error).toBeInstanceOf(MauticValidationError);
    expect(server.received('POST', '/api/contacts/new')).toHaveLength(1);
  });
});

describe('createOrUpdateContact (merge)', () => {
  it("uses Mautic's own merge on email: one request, 200 means updated", async () => {
    server.route('POST', '/api/contacts/new', saved(8, 200));
    const result = await basicClient(server).contacts.upsert({ email: 'a@example.com' }, { strategy: 'merge' });
    expect(result.created).toBe(false);
    expect(paths()).toEqual(['POST /api/contacts/new']);
  });

  it('201 means created', async () => {
    server.route('POST', '/api/contacts/new', saved(9, 201));
    expect((await basicClient(server).contacts.upsert({ email: 'b@example.com' }, { strategy: 'merge' })).created).toBe(
      true,
    );
  });
});

describe('input refused before any request', () => {
  it.each([
    [{ email: 'nope' }, 'email'],
    [{ email: 'a@example.com', tags: [''] }, 'tags[0]'],
    [{ email: 'a@example.com', tags: ['-vip'] }, 'tags[0]'],
    [{ email: 'a@example.com', tags: ['a,b'] }, 'tags[0]'],
    [{ email: 'a@example.com', address: { street: 'x' } }, 'address'],
  ])('%j → %s', async (input, field) => {
    const error = await rejection(basicClient(server).contacts.upsert(input as never));
    expect(error).toBeInstanceOf(MauticInvalidInputError);
    expect((error as MauticInvalidInputError).field).toBe(field);
    expect(server.requests).toHaveLength(0);
  });

  it.each([0, -1, 1.5, '1/../../users', '12abc', Number.NaN])('refuses contact id %j', async (id) => {
    const mautic = basicClient(server);
    expect(await rejection(mautic.contacts.get(id as number))).toBeInstanceOf(MauticInvalidInputError);
    expect(await rejection(mautic.contacts.update(id as number, { city: 'x' }))).toBeInstanceOf(
      MauticInvalidInputError,
    );
    expect(server.requests).toHaveLength(0);
  });
});
