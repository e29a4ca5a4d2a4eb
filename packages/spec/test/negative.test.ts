import { describe, expect, it } from 'vitest';
import { type Json, schemaPtrFor, schemaValidator, validatorAt } from './helpers';

const rejects = (validate: (v: Json) => boolean, value: Json) => expect(validate(value)).toBe(false);

describe('schemas reject what Mautic does not send', () => {
  const contactList = validatorAt(schemaPtrFor('listContacts', '200'));
  const error = schemaValidator('ErrorResponse');
  const token = validatorAt(schemaPtrFor('requestToken', '200'));

  it('a contact list whose `contacts` is a string', () => {
    rejects(contactList, { total: '1', contacts: 'jane.doe@example.com' });
  });

  it('a contact list whose `total` is a number (Mautic sends a string)', () => {
    rejects(contactList, { total: 1, contacts: {} });
    rejects(contactList, { total: '-1', contacts: {} });
  });

  it('a contact list keyed by something other than ids', () => {
    rejects(contactList, { total: '1', contacts: { jane: { id: 1, fields: [] } } });
  });

  it('an error body without `errors`, or with an empty list', () => {
    rejects(error, { error: 'invalid_grant', error_description: 'The access token provided has expired.' });
    rejects(error, { errors: [] });
  });

  it('an error item without a numeric code, or with bad details', () => {
    rejects(error, { errors: [{ message: 'x' }] });
    rejects(error, { errors: [{ code: '404', message: 'x' }] });
    rejects(error, { errors: [{ code: 400, message: 'x', details: 'state' }] });
    rejects(error, { errors: [{ code: 400, message: 'x', details: [400] }] });
    rejects(error, { errors: [{ code: 400, message: 'x', details: { state: 'not an array' } }] });
  });

  it('a token answer without `access_token`', () => {
    rejects(token, { expires_in: 3600, token_type: 'bearer', scope: '', refresh_token: 'R' });
  });

  it('an OAuth error with an unknown type', () => {
    rejects(validatorAt(schemaPtrFor('requestToken', '400')), { errors: [{ code: 400, message: 'x', type: 'nope' }] });
  });

  it('other lists with a string total or a scalar list', () => {
    rejects(validatorAt(schemaPtrFor('listTags', '200')), { total: '1', tags: [] });
    rejects(validatorAt(schemaPtrFor('listContactFields', '200')), { total: 1, fields: 'email' });
  });

  it('`success` other than true/1 on segment add', () => {
    const success = validatorAt(schemaPtrFor('addContactToSegment', '200'));
    rejects(success, { success: 0 });
    rejects(success, { success: 'true' });
    rejects(success, {});
  });

  it('a non-empty array or object-less field group, and string values for number fields', () => {
    const contact = schemaValidator('Contact');
    rejects(contact, { id: 1, fields: { core: ['email'] } });
    rejects(contact, { id: '1', fields: [] });
    const withCount = (value: Json) => ({
      id: 1,
      fields: {
        core: {
          mautic_woo_order_count: {
            id: '59',
            label: 'Order Count',
            alias: 'mautic_woo_order_count',
            type: 'number',
            group: 'core',
            value,
          },
        },
      },
    });
    rejects(contact, withCount('3'));
    expect(contact(withCount(3))).toBe(true);
    expect(contact(withCount(null))).toBe(true);
  });
});

describe('request schemas have substance', () => {
  it('NoteInput requires lead and text, and knows the note types', () => {
    const note = schemaValidator('NoteInput');
    rejects(note, { text: 'hi' });
    rejects(note, { lead: 48 });
    rejects(note, { lead: 48, text: 'hi', type: 'sms' });
    expect(note({ lead: 48, text: 'hi', type: 'call' })).toBe(true);
  });

  it('FieldInput requires a label of at most 191 characters and a known type/group', () => {
    const field = schemaValidator('FieldInput');
    rejects(field, { type: 'text' });
    rejects(field, { label: 'x'.repeat(192) });
    rejects(field, { label: 'X', type: 'currency' });
    rejects(field, { label: 'X', group: 'custom' });
    expect(field({ label: 'x'.repeat(191), type: 'number', group: 'core' })).toBe(true);
  });

  it('TagInput requires a non-empty tag', () => {
    const tag = schemaValidator('TagInput');
    rejects(tag, {});
    rejects(tag, { tag: '' });
  });

  it('ContactInput types tags, flags and custom fields', () => {
    const contact = schemaValidator('ContactInput');
    rejects(contact, { tags: 5 });
    rejects(contact, { overwriteWithBlank: 'yes' });
    rejects(contact, { my_custom: { nested: true } });
    rejects(contact, { mautic_woo_order_count: [] });
    expect(contact({ tags: 'a,-b', my_custom: ['x', 'y'], overwriteWithBlank: true })).toBe(true);
  });

  it('TokenRequest needs a supported grant with its parameters', () => {
    const tokenRequest = schemaValidator('TokenRequest');
    rejects(tokenRequest, { client_id: 'a', client_secret: 'b' });
    rejects(tokenRequest, { grant_type: 'password', client_id: 'a', client_secret: 'b' });
    rejects(tokenRequest, { grant_type: 'refresh_token', client_id: 'a', client_secret: 'b' });
    expect(tokenRequest({ grant_type: 'client_credentials', client_id: 'a', client_secret: 'b' })).toBe(true);
  });

  it('EmailSendInput tokens are strings', () => {
    rejects(schemaValidator('EmailSendInput'), { tokens: { '{a}': 1 } });
    rejects(schemaValidator('EmailSendInput'), { assetAttachments: ['1'] });
  });
});
