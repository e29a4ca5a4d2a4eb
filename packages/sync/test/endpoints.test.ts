import { readFileSync } from 'node:fs';
import { specJsonPath } from '@mautic-woo/spec';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS, fillPath } from '../src/endpoints';

type Spec = { paths: Record<string, Record<string, { operationId?: string }>> };

describe('the endpoint table', () => {
  it("sends every operation with the spec's method and path for its operationId", () => {
    const spec = JSON.parse(readFileSync(specJsonPath, 'utf8')) as Spec;
    const byId = new Map<string, { method: string; path: string }>();
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (operation.operationId) byId.set(operation.operationId, { method: method.toUpperCase(), path });
      }
    }
    for (const [id, endpoint] of Object.entries(ENDPOINTS)) {
      expect({ method: endpoint.method, path: endpoint.path }, id).toEqual(byId.get(id));
    }
  });
});

describe('fillPath', () => {
  it('fills every placeholder, percent-encoded, and leaves one without a value as it is', () => {
    expect(fillPath('/api/emails/{id}/contact/{contactId}/send', { id: 3, contactId: 'a/b c' })).toBe(
      '/api/emails/3/contact/a%2Fb%20c/send',
    );
    expect(fillPath('/api/contacts/{id}', {})).toBe('/api/contacts/{id}');
    expect(fillPath('/api/contacts/{id}/edit', undefined)).toBe('/api/contacts/{id}/edit');
    expect(fillPath('/api/contacts', { id: 1 })).toBe('/api/contacts');
  });
});
