import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpec, mauticWooFields, operationIds, specJsonPath, specPath } from '../src/index';
import { deref, errorsOf, type Json, mediaTypeUses, operations, schemaValidator, spec } from './helpers';

const apiOperations = operations().filter((op) => op.path.startsWith('/api/'));

describe('spec structure', () => {
  it('is OpenAPI 3.1.0', () => {
    expect(spec.openapi).toBe('3.1.0');
  });

  it('has exactly the 19 operationIds (same as the exported tuple)', () => {
    const ids = operations().map((op) => op.operationId);
    expect(ids).toHaveLength(19);
    expect(new Set(ids).size).toBe(19);
    expect([...ids].sort()).toEqual([...operationIds].sort());
  });

  it.each(operations().map((op) => [op.operationId, op] as const))(
    '%s: every response has a named example',
    (_id, op) => {
      const responses = Object.entries<Json>(op.node.responses);
      expect(responses.length).toBeGreaterThan(1);
      for (const [status, response] of responses) {
        const { node } = deref(response, '');
        const contents = Object.values<Json>(node.content ?? {});
        expect(contents.length, `${op.operationId} ${status} has no content`).toBeGreaterThan(0);
        for (const media of contents) {
          expect(media.example, `${op.operationId} ${status} uses "example"`).toBeUndefined();
          expect(Object.keys(media.examples ?? {}).length, `${op.operationId} ${status}`).toBeGreaterThan(0);
        }
      }
    },
  );

  it('every request body has named examples', () => {
    for (const use of mediaTypeUses().filter((u) => u.where === 'request')) {
      expect(Object.keys(use.media.examples ?? {}).length, use.operationId).toBeGreaterThan(0);
    }
  });

  it.each(apiOperations.map((op) => [op.operationId, op] as const))('%s: answers 401/403/404/429/500', (_id, op) => {
    expect(Object.keys(op.node.responses)).toEqual(expect.arrayContaining(['401', '403', '404', '429', '500']));
  });

  it('path ids are integers >= 1; the DNC channel is the only other path parameter', () => {
    const others: string[] = [];
    for (const op of operations()) {
      for (const param of op.node.parameters ?? []) {
        const { node } = deref(param, '');
        if (node.in !== 'path') continue;
        if (/^(id|\w+Id)$/.test(node.name))
          expect(node.schema, `${op.operationId} ${node.name}`).toEqual({ type: 'integer', minimum: 1 });
        else others.push(`${op.operationId} ${node.name}`);
      }
    }
    expect(others).toEqual(['addDoNotContact channel', 'removeDoNotContact channel']);
  });

  it('429 documents the rate-limit headers', () => {
    const { node } = deref(spec.components.responses.TooManyRequests, '');
    expect(Object.keys(node.headers).sort()).toEqual([
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
    ]);
  });

  it('the token endpoint is unauthenticated and form-encoded', () => {
    const op = operations().find((o) => o.operationId === 'requestToken');
    expect(op?.node.security).toEqual([]);
    expect(Object.keys(op?.node.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
  });

  it('serves the normal example first (Prism serves the first one)', () => {
    const first = (operationId: string, where: string) =>
      Object.keys(mediaTypeUses().find((u) => u.operationId === operationId && u.where === where)?.media.examples)[0];
    expect(first('createContact', '201')).toBe('contact-created');
    expect(first('createContact', '200')).toBe('contact-updated');
    expect(first('createContact', '400')).toBe('invalid-state');
    expect(first('getContact', '404')).toBe('item-not-found');
    expect(first('createNote', '404')).toBe('contact-not-found');
    expect(first('listContacts', '200')).toBe('contacts-keyed-by-id');
    expect(first('listContacts', '401')).toBe('authorization-denied');
    expect(first('listContacts', '403')).toBe('access-denied');
    expect(first('sendEmailToContact', '200')).toBe('success');
    expect(first('addContactToSegment', '200')).toBe('success-int');
    expect(first('createContactField', '202')).toBe('field-queued');
    expect(first('createTag', '201')).toBe('tag-created');
    expect(first('requestToken', '200')).toBe('client-credentials');
    expect(first('createContactsBatch', '201')).toBe('batch-created');
    expect(first('createContactsBatch', '500')).toBe('batch-limit');
    expect(first('editContactsBatch', '200')).toBe('batch-edited');
    expect(first('addContactToSegment', '403')).toBe('segment-unavailable');
    expect(first('removeContactFromSegment', '403')).toBe('segment-unavailable');
    expect(first('requestToken', '403')).toBe('api-disabled');
  });

  it('takes the six mautic-woo custom fields from their one source, each a valid field create', () => {
    expect(spec['x-mautic-woo-fields']).toBeUndefined();
    const props = spec.components.schemas.MauticWooCustomFields.properties;
    expect(Object.keys(props)).toEqual(mauticWooFields.map((f) => f.alias));
    const fieldInput = schemaValidator('FieldInput');
    for (const f of mauticWooFields) {
      expect(fieldInput(f), `${f.alias}: ${errorsOf(fieldInput)}`).toBe(true);
      expect(props[f.alias].description).toContain(`(type \`${f.type}\``);
      expect(f.alias.length).toBeLessThanOrEqual(25);
    }
  });

  it('creates text and url fields long enough for what the workflows write (Mautic 5.1+ defaults to 64)', () => {
    for (const f of mauticWooFields.filter((f) => f.type === 'text' || f.type === 'url')) {
      expect('charLengthLimit' in f && f.charLengthLimit, f.alias).toBeGreaterThan(64);
    }
  });
});

describe('package entry', () => {
  it('points at the spec files', () => {
    expect(existsSync(specPath)).toBe(true);
    expect(specPath.endsWith('openapi.yaml')).toBe(true);
    expect(specJsonPath.endsWith('openapi.json')).toBe(true);
  });

  it('loadSpec() returns openapi.json, identical to openapi.yaml', () => {
    expect(loadSpec()).toEqual(spec);
    expect(loadSpec()).not.toBe(loadSpec());
  });

  it('openapi.json is 2-space JSON with a trailing newline', () => {
    const text = readFileSync(specJsonPath, 'utf8');
    expect(text).toBe(`${JSON.stringify(spec, null, 2)}\n`);
  });
});
