import type { Contact, Field, Note, Tag } from './types';

/**
 * Every Mautic operation this package calls, keyed by the spec's operationId: its method and path
 * (the spec's; a test checks them against it), which may be repeated and which credentials each
 * carries. The arguments of each are the generated SDK's types (api.ts).
 * - Repeatable: reads; contact create (Mautic merges on email) and edit; tag create (200 for an
 *   existing name); segment add and remove; do-not-contact add and remove (one entry per channel);
 *   contact delete (a repeat after a lost answer meets 404, which the caller reads as "gone").
 * - Never repeated once sent: note create and email send (they would happen twice), field create
 *   (a lost answer retried comes back as `<alias>1`), and the token request (a refresh token is
 *   single-use; the token endpoint makes client_credentials repeatable per call).
 * - `client` credentials: the token endpoint takes the OAuth2 client id and secret in its form and
 *   must get no `Authorization` header (Mautic answers 403 to a Basic header when Basic auth is off).
 */
export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The spec's path template, for messages and logs. */
  path: string;
  repeatable: boolean;
  credentials: 'api' | 'client';
  /** `form`: an `application/x-www-form-urlencoded` body (the token endpoint); JSON otherwise. */
  body?: 'form';
}

export const ENDPOINTS = {
  listContacts: {
    method: 'GET',
    path: '/api/contacts',
    repeatable: true,
    credentials: 'api',
  },
  getContact: {
    method: 'GET',
    path: '/api/contacts/{id}',
    repeatable: true,
    credentials: 'api',
  },
  createContact: {
    method: 'POST',
    path: '/api/contacts/new',
    repeatable: true,
    credentials: 'api',
  },
  editContact: {
    method: 'PATCH',
    path: '/api/contacts/{id}/edit',
    repeatable: true,
    credentials: 'api',
  },
  // Batch writes are upserts by email (new) or by id (edit): repeating one writes the same values.
  createContactsBatch: {
    method: 'POST',
    path: '/api/contacts/batch/new',
    repeatable: true,
    credentials: 'api',
  },
  editContactsBatch: {
    method: 'PATCH',
    path: '/api/contacts/batch/edit',
    repeatable: true,
    credentials: 'api',
  },
  listContactFields: {
    method: 'GET',
    path: '/api/fields/contact',
    repeatable: true,
    credentials: 'api',
  },
  createContactField: {
    method: 'POST',
    path: '/api/fields/contact/new',
    repeatable: false,
    credentials: 'api',
  },
  listTags: { method: 'GET', path: '/api/tags', repeatable: true, credentials: 'api' },
  createTag: { method: 'POST', path: '/api/tags/new', repeatable: true, credentials: 'api' },
  createNote: {
    method: 'POST',
    path: '/api/notes/new',
    repeatable: false,
    credentials: 'api',
  },
  sendEmailToContact: {
    method: 'POST',
    path: '/api/emails/{emailId}/contact/{contactId}/send',
    repeatable: false,
    credentials: 'api',
  },
  addContactToSegment: {
    method: 'POST',
    path: '/api/segments/{segmentId}/contact/{contactId}/add',
    repeatable: true,
    credentials: 'api',
  },
  deleteContact: {
    method: 'DELETE',
    path: '/api/contacts/{id}/delete',
    repeatable: true,
    credentials: 'api',
  },
  addDoNotContact: {
    method: 'POST',
    path: '/api/contacts/{id}/dnc/{channel}/add',
    repeatable: true,
    credentials: 'api',
  },
  removeDoNotContact: {
    method: 'POST',
    path: '/api/contacts/{id}/dnc/{channel}/remove',
    repeatable: true,
    credentials: 'api',
  },
  removeContactFromSegment: {
    method: 'POST',
    path: '/api/segments/{segmentId}/contact/{contactId}/remove',
    repeatable: true,
    credentials: 'api',
  },
  requestToken: {
    method: 'POST',
    path: '/oauth/v2/token',
    repeatable: false,
    credentials: 'client',
    body: 'form',
  },
} as const satisfies Record<string, Endpoint>;

export type OperationId = keyof typeof ENDPOINTS;

/**
 * What this package reads from each answer, in its own looser types (Mautic varies by version):
 * the data `MauticApi.call` resolves with.
 */
export interface EndpointData {
  listContacts: { total?: string | number; contacts?: unknown };
  getContact: { contact: Contact };
  createContact: { contact: Contact };
  editContact: { contact: Contact };
  /** Per item, keyed by request index: each a list or an object (see contacts/batch.ts). */
  createContactsBatch: { contacts?: unknown; statusCodes?: unknown; errors?: unknown };
  editContactsBatch: { contacts?: unknown; statusCodes?: unknown; errors?: unknown };
  listContactFields: { total?: string | number; fields?: unknown };
  createContactField: { field: Field };
  listTags: { total?: string | number; tags?: unknown };
  createTag: { tag: Tag };
  createNote: { note: Note };
  sendEmailToContact: { success?: unknown; failed?: unknown };
  addContactToSegment: { success?: unknown };
  /** The contact as it was; Mautic answers its `id` as null (Doctrine cleared it on removal). */
  deleteContact: { contact?: Partial<Contact> };
  addDoNotContact: { contact: Contact };
  removeDoNotContact: { recordFound?: boolean; contact?: Contact };
  removeContactFromSegment: { success?: unknown };
  requestToken: unknown;
}

/**
 * The template with its ids filled in: `/api/contacts/{id}` → `/api/contacts/5`. A scan rather than
 * a regular expression with a callback: this runs on every request (~4 µs that way).
 */
export function fillPath(template: string, params: Record<string, unknown> | undefined): string {
  let open = template.indexOf('{');
  if (open < 0 || !params) return template;
  let filled = '';
  let from = 0;
  while (open >= 0) {
    const close = template.indexOf('}', open);
    if (close < 0) break;
    const value = params[template.slice(open + 1, close)];
    filled += template.slice(from, open);
    filled += value === undefined ? template.slice(open, close + 1) : encodeURIComponent(String(value));
    from = close + 1;
    open = template.indexOf('{', from);
  }
  return filled + template.slice(from);
}
