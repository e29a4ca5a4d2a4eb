import { describe, expect, it } from 'vitest';
import { basicClient, recorded, useScriptedServer } from '../helpers/harness';

const server = useScriptedServer();

function mauticAt(version: string) {
  const headers = { 'mautic-version': version };
  server.route('GET', '/api/contacts', { json: { total: '0', contacts: {} }, headers });
  server.route('POST', '/api/contacts/new', {
    status: 201,
    json: { contact: { id: 5, fields: { all: {} } } },
    headers,
  });
}

describe('what differs by Mautic-Version', () => {
  it('on 5.x a numeric 0 is reported as not written (Mautic unsets it on POST and PATCH)', async () => {
    mauticAt('5.1.1');
    const mautic = basicClient(server);
    const result = await mautic.contacts.upsert({ email: 'a@example.com', mautic_woo_total_spent: 0, points: '0.00' });
    expect(result.droppedFields).toEqual(['mautic_woo_total_spent', 'points']);
    expect(mautic.contacts.serverVersion).toBe('5.1.1');
    expect(recorded.lines.some((line) => line.includes('does not save 0'))).toBe(true);
  });

  it('on 6.x and later 0 is written like any value', async () => {
    mauticAt('6.0.1');
    const result = await basicClient(server).contacts.upsert({ email: 'a@example.com', mautic_woo_total_spent: 0 });
    expect(result.droppedFields).toEqual([]);
  });

  it('so is 0.50: Mautic casts to an integer before comparing with 0', async () => {
    mauticAt('5.1.1');
    const result = await basicClient(server).contacts.upsert({
      email: 'a@example.com',
      mautic_woo_total_spent: '0.50',
    });
    expect(result.droppedFields).toEqual(['mautic_woo_total_spent']);
  });

  it('other numbers, booleans and text are never reported', async () => {
    mauticAt('5.1.1');
    const result = await basicClient(server).contacts.upsert({
      email: 'a@example.com',
      mautic_woo_total_spent: 1.5,
      vip: false,
      city: '0 Street',
    });
    expect(result.droppedFields).toEqual([]);
  });
});
