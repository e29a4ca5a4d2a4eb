import * as sdk from '@mautic-woo/sdk';
import type { Contact, Field, Note, Tag } from './types';

/**
 * Every Mautic operation this package calls, keyed by the spec's operationId: the one place that
 * says which may be repeated and which credentials each carries.
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
  /** The generated SDK function. */
  generated: (...args: never[]) => unknown;
}

export const ENDPOINTS = {
  listContacts: {
    method: 'GET',
    path: '/api/contacts',
    repeatable: true,
    credentials: 'api',
    generated: sdk.listContacts,
  },
  getContact: {
    method: 'GET',
    path: '/api/contacts/{id}',
    repeatable: true,
    credentials: 'api',
    generated: sdk.getContact,
  },
  createContact: {
    method: 'POST',
    path: '/api/contacts/new',
    repeatable: true,
    credentials: 'api',
    generated: sdk.createContact,
  },
  editContact: {
    method: 'PATCH',
    path: '/api/contacts/{id}/edit',
    repeatable: true,
    credentials: 'api',
    generated: sdk.editContact,
  },
  listContactFields: {
    method: 'GET',
    path: '/api/fields/contact',
    repeatable: true,
    credentials: 'api',
    generated: sdk.listContactFields,
  },
  createContactField: {
    method: 'POST',
    path: '/api/fields/contact/new',
    repeatable: false,
    credentials: 'api',
    generated: sdk.createContactField,
  },
  listTags: { method: 'GET', path: '/api/tags', repeatable: true, credentials: 'api', generated: sdk.listTags },
  createTag: { method: 'POST', path: '/api/tags/new', repeatable: true, credentials: 'api', generated: sdk.createTag },
  createNote: {
    method: 'POST',
    path: '/api/notes/new',
    repeatable: false,
    credentials: 'api',
    generated: sdk.createNote,
  },
  sendEmailToContact: {
    method: 'POST',
    path: '/api/emails/{emailId}/contact/{contactId}/send',
    repeatable: false,
    credentials: 'api',
    generated: sdk.sendEmailToContact,
  },
  addContactToSegment: {
    method: 'POST',
    path: '/api/segments/{segmentId}/contact/{contactId}/add',
    repeatable: true,
    credentials: 'api',
    generated: sdk.addContactToSegment,
  },
  deleteContact: {
    method: 'DELETE',
    path: '/api/contacts/{id}/delete',
    repeatable: true,
    credentials: 'api',
    generated: sdk.deleteContact,
  },
  addDoNotContact: {
    method: 'POST',
    path: '/api/contacts/{id}/dnc/{channel}/add',
    repeatable: true,
    credentials: 'api',
    generated: sdk.addDoNotContact,
  },
  removeDoNotContact: {
    method: 'POST',
    path: '/api/contacts/{id}/dnc/{channel}/remove',
    repeatable: true,
    credentials: 'api',
    generated: sdk.removeDoNotContact,
  },
  removeContactFromSegment: {
    method: 'POST',
    path: '/api/segments/{segmentId}/contact/{contactId}/remove',
    repeatable: true,
    credentials: 'api',
    generated: sdk.removeContactFromSegment,
  },
  requestToken: {
    method: 'POST',
    path: '/oauth/v2/token',
    repeatable: false,
    credentials: 'client',
    generated: sdk.requestToken,
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

/** The template with its ids filled in: `/api/contacts/{id}` → `/api/contacts/5`. */
export function fillPath(template: string, params: Record<string, unknown> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params?.[name] === undefined ? whole : encodeURIComponent(String(params[name])),
  );
}
