import { describe, expect, it } from 'vitest';
import { at, deref, type Json, operations, schemaPtrFor, schemaValidator, validatorAt } from './helpers';

// What Mautic 5.x's code does that its docs do not show (packages/spec/README.md, "Checked against
// Mautic's source"): each case here fails on a spec that does not model it.

const accepts = (validate: (v: Json) => boolean, value: Json) => expect(validate(value)).toBe(true);
const rejects = (validate: (v: Json) => boolean, value: Json) => expect(validate(value)).toBe(false);

const operation = (operationId: string) => {
  const op = operations().find((o) => o.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  return op;
};
const response = (operationId: string, status: string) => deref(operation(operationId).node.responses[status], '').node;
const parameterNames = (operationId: string) =>
  (operation(operationId).node.parameters ?? []).map((p: Json) => deref(p, '').node.name);

describe('contact field values', () => {
  const entry = schemaValidator('ContactFieldEntry');
  const field = (type: string, value: Json, normalizedValue: Json) => ({
    id: '18',
    label: 'X',
    alias: 'x',
    type,
    group: 'core',
    value,
    normalizedValue,
  });

  it('an empty field is value null with normalizedValue "" on 5.x, number fields included', () => {
    accepts(entry, field('text', null, ''));
    accepts(entry, field('number', null, ''));
    rejects(entry, field('number', null, 'abc'));
    rejects(entry, field('number', '3', 3));
  });

  it('a boolean is an integer on GET one, "0"/"1" in lists and true/false in `all` of a write answer', () => {
    accepts(entry, field('boolean', 1, 'Yes'));
    accepts(entry, field('boolean', '0', 'No'));
    accepts(schemaValidator('ContactFieldValues'), { id: 48, newsletter: true });
  });
});

describe('contact shape', () => {
  const contact = schemaValidator('Contact');

  it('non-empty ipAddresses are a list of {id, ipAddress, ipDetails}', () => {
    accepts(contact, { id: 1, fields: [], ipAddresses: [{ id: 3, ipAddress: '203.0.113.7', ipDetails: {} }] });
    rejects(contact, { id: 1, fields: [], ipAddresses: ['203.0.113.7'] });
  });

  it('doNotContact entries carry a reason 1..3 and a channel', () => {
    const dnc = {
      id: 1,
      dateAdded: '2024-06-02T17:03:09+00:00',
      reason: 3,
      comments: '',
      channel: 'email',
      channelId: null,
    };
    accepts(contact, { id: 1, fields: [], doNotContact: [dnc] });
    rejects(contact, { id: 1, fields: [], doNotContact: [{ ...dnc, reason: 0 }] });
    rejects(contact, { id: 1, fields: [], doNotContact: [{ reason: 3 }] });
  });

  it('a deleted contact has id null, which a normal contact answer never has', () => {
    accepts(validatorAt(schemaPtrFor('deleteContact', '200')), { contact: { id: null, fields: [] } });
    rejects(validatorAt(schemaPtrFor('getContact', '200')), { contact: { id: null, fields: [] } });
  });
});

describe('email send and token endpoint', () => {
  it('`failed` is one string', () => {
    const send = validatorAt(schemaPtrFor('sendEmailToContact', '200'));
    accepts(send, { success: false, failed: 'a; b' });
    rejects(send, { success: false, failed: ['a', 'b'] });
  });

  it('the token endpoint answers 403 for a disabled API and for a Basic header while Basic auth is off', () => {
    const examples = Object.keys(response('requestToken', '403').content['application/json'].examples);
    expect(examples).toEqual(['api-disabled', 'basic-auth-disabled']);
  });

  it('a note by a non-admin user is documented as a 500', () => {
    const notes = response('createNote', '500');
    expect(notes.description).toContain('lead:leads:newown');
    expect(Object.keys(notes.content['application/json'].examples)).toContain('non-admin-user');
  });
});

describe('fields', () => {
  it('field answers never carry charLengthLimit or isIndex; 201 and 202 carry Location', () => {
    expect(at('/components/schemas/Field/properties/charLengthLimit')).toBeUndefined();
    expect(at('/components/schemas/Field/properties/isIndex')).toBeUndefined();
    for (const status of ['201', '202']) {
      const { headers, content } = response('createContactField', status);
      expect(Object.keys(headers)).toContain('Location');
      for (const example of Object.values<Json>(content['application/json'].examples)) {
        const { field } = deref(example, '').node.value;
        expect(field).not.toHaveProperty('charLengthLimit');
        expect(field).not.toHaveProperty('isIndex');
      }
    }
  });

  it('field create accepts charLengthLimit 1..255', () => {
    const input = schemaValidator('FieldInput');
    accepts(input, { label: 'Cart Recovery URL', type: 'url', charLengthLimit: 255 });
    rejects(input, { label: 'Cart Recovery URL', type: 'url', charLengthLimit: 256 });
    rejects(input, { label: 'Cart Recovery URL', type: 'url', charLengthLimit: 0 });
  });
});

describe('contact list parameters', () => {
  it('listContacts takes select[] and order[i][col|dir] besides where', () => {
    expect(parameterNames('listContacts')).toEqual(expect.arrayContaining(['where', 'select[]', 'order']));
    const order = validatorAt('/components/parameters/Order/schema');
    accepts(order, { 0: { col: 'date_added', dir: 'DESC' } });
    rejects(order, { 0: { col: 'date_added', dir: 'down' } });
  });

  it('where nests andX/orX and takes two values for between', () => {
    const where = validatorAt('/components/parameters/Where/schema');
    accepts(where, {
      0: {
        expr: 'orX',
        val: {
          0: { col: 'email', expr: 'eq', val: 'a@example.com' },
          1: { expr: 'andX', val: [{ col: 'points', expr: 'between', val: ['1', '9'] }] },
        },
      },
    });
    rejects(where, { 0: { col: 'points', expr: 'between', val: ['1'] } });
    rejects(where, { 0: { col: 'points', expr: 'between', val: '1' } });
    rejects(where, { 0: { expr: 'andX' } });
    rejects(where, { 0: { expr: 'eq', val: 'x' } });
  });
});

describe('batches', () => {
  const contact = (i: number) => ({ email: `c${i}@example.com` });

  it('take 1..200 contacts; edit items need their id', () => {
    const create = schemaValidator('ContactBatchInput');
    accepts(
      create,
      Array.from({ length: 200 }, (_, i) => contact(i)),
    );
    rejects(
      create,
      Array.from({ length: 201 }, (_, i) => contact(i)),
    );
    rejects(create, []);
    const edit = schemaValidator('ContactBatchEditInput');
    accepts(edit, [{ id: 48, firstname: 'Jane' }]);
    rejects(edit, [{ firstname: 'Jane' }]);
  });

  it('answer contacts, statusCodes and errors as lists or objects keyed by request index', () => {
    const answer = validatorAt(schemaPtrFor('createContactsBatch', '201'));
    const error = { code: 400, message: 'state: This value is not valid.', details: { state: ['x'] } };
    accepts(answer, { contacts: [], statusCodes: [400], errors: [error] });
    accepts(answer, { contacts: { 1: { id: 2, fields: [] } }, statusCodes: [400, 201], errors: [error] });
    accepts(answer, { contacts: [{ id: 1, fields: [] }], statusCodes: [201, 400], errors: { 1: error } });
    rejects(answer, { contacts: [], statusCodes: ['201'] });
    rejects(answer, { contacts: { jane: { id: 1, fields: [] } }, statusCodes: [201] });
  });

  it('over the limit is a 500 with the limit message', () => {
    const examples = response('createContactsBatch', '500').content['application/json'].examples;
    expect(Object.keys(examples)[0]).toBe('batch-limit');
    expect(examples['batch-limit'].value.errors[0]).toEqual({
      code: 500,
      message: 'A max of 200 entities are supported at a time.',
      details: [],
    });
  });
});

describe('do not contact and segments', () => {
  it('DNC reasons are 1..3 (0 is a 400 with a list of details)', () => {
    const input = schemaValidator('DoNotContactInput');
    accepts(input, {});
    accepts(input, { reason: 2, channelId: 7, comments: 'bounced' });
    rejects(input, { reason: 0 });
    accepts(validatorAt(schemaPtrFor('addDoNotContact', '400')), {
      errors: [{ code: 400, message: 'Invalid reason code given', details: ['Reason code needs to be an integer'] }],
    });
  });

  it('an unpublished segment is a 403 on add and remove', () => {
    for (const operationId of ['addContactToSegment', 'removeContactFromSegment']) {
      const forbidden = response(operationId, '403');
      expect(Object.keys(forbidden.content['application/json'].examples)[0]).toBe('segment-unavailable');
      expect(forbidden.description).toContain('unpublished');
    }
  });
});
