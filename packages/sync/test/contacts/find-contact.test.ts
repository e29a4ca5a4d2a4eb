import { mauticBodies } from '@mautic-woo/testkit';
import { describe, expect, it } from 'vitest';
import { MauticInvalidInputError } from '../../src';
import { basicClient, rejection, useScriptedServer } from '../helpers/harness';

const server = useScriptedServer();

describe('contacts.findByEmail', () => {
  it.each([
    'john+woo@example.com',
    'under_score@example.com',
    'per%cent@example.com',
    'jürgen.müller@exämple.de',
    'josé@example.com',
  ])('asks for exactly %s with a where-eq filter, never a search', async (email) => {
    server.route('GET', '/api/contacts', { json: mauticBodies.contactList([{ id: 7, values: { email } }]) });
    const contact = await basicClient(server).contacts.findByEmail(email);
    expect(contact?.id).toBe(7);
    const [request] = server.requests;
    expect(request?.query.get('where[0][col]')).toBe('email');
    expect(request?.query.get('where[0][expr]')).toBe('eq');
    expect(request?.query.get('where[0][val]')).toBe(email);
    expect(request?.query.has('search')).toBe(false);
    // `+` must arrive as %2B, or the server reads a space.
    if (email.includes('+')) expect(server.requests[0]?.path).toBe('/api/contacts');
  });

  it('ignores contacts whose email is only similar', async () => {
    server.route('GET', '/api/contacts', {
      json: mauticBodies.contactList([
        { id: 3, values: { email: 'john@example.com.au' } },
        { id: 4, values: { email: 'xjohn@example.com' } },
      ]),
    });
    expect(await basicClient(server).contacts.findByEmail('john@example.com')).toBeNull();
  });

  it('returns null for the empty list Mautic sends as {"total":"0","contacts":{}}', async () => {
    server.route('GET', '/api/contacts', { json: { total: '0', contacts: {} } });
    expect(await basicClient(server).contacts.findByEmail('nobody@example.com')).toBeNull();
  });

  it('picks the oldest of duplicates and matches case-insensitively', async () => {
    server.route('GET', '/api/contacts', {
      json: mauticBodies.contactList([
        { id: 12, values: { email: 'Ann@Example.com' } },
        { id: 9, values: { email: 'ann@example.com' } },
      ]),
    });
    expect((await basicClient(server).contacts.findByEmail('ANN@example.com'))?.id).toBe(9);
  });

  it.each(['not-an-email', 'a@b', '', 'two@@example.com', 'sp ace@example.com'])(
    'refuses %j before any request',
    async (email) => {
      const error = await rejection(basicClient(server).contacts.findByEmail(email));
      expect(error).toBeInstanceOf(MauticInvalidInputError);
      expect((error as MauticInvalidInputError).field).toBe('email');
      expect(server.requests).toHaveLength(0);
    },
  );
});

describe('contacts.list', () => {
  it('refuses a malformed where clause before any request (Mautic would answer 500)', async () => {
    const error = await rejection(basicClient(server).contacts.list({ where: [{ expr: 'eq', val: 'x' } as never] }));
    expect(error).toBeInstanceOf(MauticInvalidInputError);
    expect(server.requests).toHaveLength(0);
  });

  it('sends select[] and order[i][col|dir] the way Mautic reads them', async () => {
    server.route('GET', '/api/contacts', { json: { total: '0', contacts: {} } });
    await basicClient(server).contacts.list({ select: ['email'], order: [{ col: 'id', dir: 'DESC' }] });
    const [request] = server.requests;
    expect(request?.query.getAll('select[]')).toEqual(['email']);
    expect(request?.query.get('order[0][col]')).toBe('id');
    expect(request?.query.get('order[0][dir]')).toBe('DESC');
  });
});
