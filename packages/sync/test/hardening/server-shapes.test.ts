import { mauticBodies } from '@mautic-woo/testkit';
import { describe, expect, it } from 'vitest';
import { MauticApiError, MauticConnectionError } from '../../src';
import { calls } from '../helpers/calls';
import { basicClient, rejection, useScriptedServer } from '../helpers/harness';

/** Answers no Mautic sends end as a MauticApiError that says so, never a TypeError from inside. */

const server = useScriptedServer();

const notMautic = (error: Error) => {
  expect(error).toBeInstanceOf(MauticApiError);
  expect(error).not.toBeInstanceOf(MauticConnectionError);
  expect(error.message).toContain('not what Mautic sends');
};

describe('a misbehaving server gets a typed error', () => {
  it('{"contacts":{"5":null}} on a lookup', async () => {
    server.route('GET', '/api/contacts', { json: { total: '1', contacts: { 5: null } } });
    notMautic(await rejection(calls.findByEmail(basicClient(server), 'a@example.com')));
  });

  it('a create answering {"contact":null}', async () => {
    server.route('GET', '/api/contacts', { json: { total: '0', contacts: [] } });
    server.route('POST', '/api/contacts/new', { status: 201, json: { contact: null } });
    notMautic(await rejection(calls.upsert(basicClient(server), { email: 'a@example.com' })));
  });

  it('an edit answering a contact without an id', async () => {
    server.route('PATCH', '/api/contacts/:id/edit', { json: { contact: { fields: {} } } });
    notMautic(await rejection(calls.updateContact(basicClient(server), 5, { firstname: 'A' })));
  });

  for (const field of ['__proto__', 'constructor']) {
    it(`a 400 naming the field ${field}: not a connection error, not retried`, async () => {
      const body = `{"errors":[{"code":400,"message":"${field}: bad","details":{"${field}":["bad"]}}]}`;
      server.route('PATCH', '/api/contacts/:id/edit', {
        status: 400,
        body,
        headers: { 'content-type': 'application/json' },
      });
      notMautic(await rejection(calls.updateContact(basicClient(server), 5, { firstname: 'A' })));
      expect(server.received('PATCH', '/api/contacts/:id/edit')).toHaveLength(1);
      expect(({} as Record<string, unknown>).bad).toBeUndefined();
    });
  }

  it('a normal 400 is still a MauticValidationError with its fields', async () => {
    server.route('PATCH', '/api/contacts/:id/edit', { status: 400, json: mauticBodies.invalidField('state') });
    const error = await rejection(calls.updateContact(basicClient(server), 5, { state: 'Nowhere' }));
    expect(error.name).toBe('MauticValidationError');
  });
});
