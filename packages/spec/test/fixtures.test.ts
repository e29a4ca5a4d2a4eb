import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { at, deref, errorsOf, type Json, schemaPtrFor, validatorAt } from './helpers';

const dir = fileURLToPath(new URL('./fixtures/mautic/', import.meta.url));

interface FixtureTarget {
  operationId: string;
  status: string;
  /** Sub-path of the response schema when the fixture is only a part of the body. */
  subPath?: string;
}

/**
 * Fixture file → the operation responses it must be a valid body for. Sources (file-name suffix):
 * `.real` observed on a server, `.test` Mautic's functional tests, `.code` / `.derived` read from the
 * server code, `.config` from its configuration, `.docs` the developer documentation.
 */
const mapping: Record<string, FixtureTarget[]> = {
  'contact-create.boolean-all.CustomFieldEntityTrait.code.json': [
    { operationId: 'createContact', status: '201' },
    { operationId: 'editContact', status: '200' },
  ],
  'contact-create.docs.json': [{ operationId: 'createContact', status: '201' }],
  'contact-delete.CommonApiController-deleteEntityAction.derived.json': [
    { operationId: 'deleteContact', status: '200' },
  ],
  'contact-dnc-add.LeadApiControllerFunctionalTest.test-derived.json': [
    { operationId: 'addDoNotContact', status: '200' },
    { operationId: 'getContact', status: '200' },
  ],
  'contact-dnc-remove.LeadApiControllerFunctionalTest.test-derived.json': [
    { operationId: 'removeDoNotContact', status: '200' },
  ],
  'contact-get.boolean-int.CustomFieldRepositoryTrait.code.json': [{ operationId: 'getContact', status: '200' }],
  'contact-get.empty-fields-5x.CustomFieldValueHelper.code.json': [{ operationId: 'getContact', status: '200' }],
  'contact-get.ip-addresses-list.Lead-JMS.derived.json': [{ operationId: 'getContact', status: '200' }],
  'contacts-batch-edit.LeadApiControllerFunctionalTest.test-derived.json': [
    { operationId: 'editContactsBatch', status: '200' },
  ],
  'contacts-batch-edit.only-item-unknown.CommonApiController-editEntitiesAction.code.json': [
    { operationId: 'editContactsBatch', status: '200' },
  ],
  'contacts-batch-edit.unknown-id.CommonApiController-editEntitiesAction.code.json': [
    { operationId: 'editContactsBatch', status: '200' },
  ],
  'contacts-batch-new.LeadApiControllerFunctionalTest.test-derived.json': [
    { operationId: 'createContactsBatch', status: '201' },
  ],
  'contacts-batch-new.first-invalid.CommonApiController-newEntitiesAction.code.json': [
    { operationId: 'createContactsBatch', status: '201' },
  ],
  'contacts-batch-new.item-invalid.CommonApiController-newEntitiesAction.code.json': [
    { operationId: 'createContactsBatch', status: '201' },
  ],
  'contacts-list.boolean-string.getEntitiesWithCustomFields.code.json': [
    { operationId: 'listContacts', status: '200' },
  ],
  'contact-edit.docs.json': [{ operationId: 'editContact', status: '200' }],
  'contact-get.docs.json': [{ operationId: 'getContact', status: '200' }],
  'contact-get.real.json': [{ operationId: 'getContact', status: '200' }],
  'contacts-list-empty.test.json': [{ operationId: 'listContacts', status: '200' }],
  'contacts-list.docs.json': [{ operationId: 'listContacts', status: '200' }],
  'email-send-to-contact.docs.json': [{ operationId: 'sendEmailToContact', status: '200' }],
  'email-send-to-contact.test.json': [{ operationId: 'sendEmailToContact', status: '200' }],
  'email-send-to-contact.failed-string.SendEmailToContact.code.json': [
    { operationId: 'sendEmailToContact', status: '200' },
  ],
  'error-access-denied.code.json': [
    { operationId: 'getContact', status: '403' },
    { operationId: 'addContactToSegment', status: '403' },
  ],
  'error-api-disabled.test.json': [
    { operationId: 'listContacts', status: '403' },
    { operationId: 'requestToken', status: '403' },
  ],
  'error-basic-auth-disabled.ApiSubscriber.code.json': [
    { operationId: 'requestToken', status: '403' },
    { operationId: 'getContact', status: '403' },
  ],
  'error-batch-limit.code.json': [
    { operationId: 'createContactsBatch', status: '500' },
    { operationId: 'editContactsBatch', status: '500' },
  ],
  'error-dnc-invalid-reason.LeadApiController-addDncAction.code.json': [
    { operationId: 'addDoNotContact', status: '400' },
  ],
  'error-note-non-admin.NoteApiController.code.json': [{ operationId: 'createNote', status: '500' }],
  'error-segment-unpublished.ListApiController-addLeadAction.code.json': [
    { operationId: 'addContactToSegment', status: '403' },
    { operationId: 'removeContactFromSegment', status: '403' },
  ],
  'error-auth-denied.real.json': [{ operationId: 'listContacts', status: '401' }],
  'error-contact-not-found.code.json': [
    { operationId: 'sendEmailToContact', status: '404' },
    { operationId: 'addContactToSegment', status: '404' },
    { operationId: 'createNote', status: '404' },
  ],
  'error-field-boolean-label.test-derived.json': [{ operationId: 'createContactField', status: '400' }],
  'error-invalid-state.derived.json': [
    { operationId: 'createContact', status: '400' },
    { operationId: 'editContact', status: '400' },
  ],
  'error-not-found.code.json': [
    { operationId: 'getContact', status: '404' },
    { operationId: 'editContact', status: '404' },
    { operationId: 'sendEmailToContact', status: '404' },
  ],
  'error-oauth-expired-token.real.json': [{ operationId: 'getContact', status: '401' }],
  'error-oauth-invalid-client.test.json': [{ operationId: 'requestToken', status: '400' }],
  'error-oauth-invalid-grant-type.real.json': [{ operationId: 'requestToken', status: '400' }],
  'error-oauth-invalid-token.test.json': [{ operationId: 'listContacts', status: '401' }],
  'error-rate-limit.config.json': [
    { operationId: 'listContacts', status: '429' },
    { operationId: 'createContact', status: '429' },
  ],
  'error-route-not-found.real.json': [{ operationId: 'createContact', status: '404' }],
  // An asset-form validation error: the shape of every 400 validation error.
  'error-validation.test.json': [{ operationId: 'createContact', status: '400' }],
  'field-create.LeadField-loadApiMetadata.code.json': [
    { operationId: 'createContactField', status: '201' },
    { operationId: 'createContactField', status: '202' },
  ],
  'field-create.docs.json': [{ operationId: 'createContactField', status: '201' }],
  'fields-list.docs.json': [{ operationId: 'listContactFields', status: '200' }],
  'note-create.docs.json': [{ operationId: 'createNote', status: '201' }],
  'notes-list.docs.json': [{ operationId: 'listContactNotes', status: '200' }],
  'oauth2-token-authorization-code.docs.json': [{ operationId: 'requestToken', status: '200' }],
  'oauth2-token-client-credentials.docs.json': [{ operationId: 'requestToken', status: '200' }],
  'oauth2-token-refresh.docs.json': [{ operationId: 'requestToken', status: '200' }],
  'segment-add-contact.code.json': [{ operationId: 'addContactToSegment', status: '200' }],
  'segment-add-contact.docs.json': [{ operationId: 'addContactToSegment', status: '200' }],
  'segment-remove-contact.ListApiController-removeLeadAction.code.json': [
    { operationId: 'removeContactFromSegment', status: '200' },
  ],
  'tag-create.docs.json': [
    { operationId: 'createTag', status: '201' },
    { operationId: 'createTag', status: '200' },
  ],
  'tags-list.docs.json': [{ operationId: 'listTags', status: '200' }],
  // Only the `tags` property of a real list body (keyed by id).
  'tags-list.tags-property.real.json': [{ operationId: 'listTags', status: '200', subPath: '/properties/tags' }],
};

/**
 * The developer documentation elides fields with `"...": {"...": "..."}` placeholders. They are not part
 * of any real body, so they are removed before validating `.docs` fixtures.
 */
function stripDocElisions(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripDocElisions);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== '...')
        .map(([key, v]) => [key, stripDocElisions(v)]),
    );
  }
  return value;
}

function load(file: string): Json {
  const body = JSON.parse(readFileSync(`${dir}${file}`, 'utf8'));
  return file.includes('.docs.') ? stripDocElisions(body) : body;
}

const cases = Object.entries(mapping).flatMap(([file, targets]) =>
  targets.map((t) => [`${file} → ${t.operationId} ${t.status}${t.subPath ?? ''}`, file, t] as const),
);

describe('Mautic fixtures validate against the response schema of their operation and status', () => {
  it('maps every copied fixture', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(Object.keys(mapping).sort());
  });

  it.each(cases)('%s', (_name, file, target) => {
    const schemaPtr = schemaPtrFor(target.operationId, target.status);
    // A sub-path is taken inside the referenced schema (Ajv does not follow $ref in a JSON pointer).
    const ptr = target.subPath ? deref(at(schemaPtr), schemaPtr).ptr + target.subPath : schemaPtr;
    const validate = validatorAt(ptr);
    const ok = validate(load(file));
    expect(ok, errorsOf(validate)).toBe(true);
  });
});

describe('lists are accepted in both forms', () => {
  const tagList = validatorAt(schemaPtrFor('listTags', '200'));
  const fieldList = validatorAt(schemaPtrFor('listContactFields', '200'));
  const contactList = validatorAt(schemaPtrFor('listContacts', '200'));

  it('tags: keyed by id (real) and array (docs)', () => {
    const keyed = load('tags-list.tags-property.real.json');
    expect(tagList({ total: 3, tags: keyed }), errorsOf(tagList)).toBe(true);
    expect(tagList({ total: 3, tags: Object.values(keyed) }), errorsOf(tagList)).toBe(true);
    expect(tagList({ total: 0, tags: [] }), errorsOf(tagList)).toBe(true);
  });

  it('fields: array (docs) and keyed by id', () => {
    const docs = load('fields-list.docs.json');
    expect(fieldList(docs), errorsOf(fieldList)).toBe(true);
    const keyed = { total: docs.total, fields: Object.fromEntries(docs.fields.map((f: Json) => [String(f.id), f])) };
    expect(fieldList(keyed), errorsOf(fieldList)).toBe(true);
  });

  it('contacts: keyed by id (real), array, and empty object', () => {
    const docs = load('contacts-list.docs.json');
    expect(contactList(docs), errorsOf(contactList)).toBe(true);
    expect(contactList({ ...docs, contacts: Object.values(docs.contacts) }), errorsOf(contactList)).toBe(true);
    expect(contactList(load('contacts-list-empty.test.json')), errorsOf(contactList)).toBe(true);
  });
});
