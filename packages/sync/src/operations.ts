import * as sdk from '@mautic-woo/sdk';
import type { TokenGrant } from './auth/oauth2';
import { assertId } from './input';
import type { SdkCallOptions, SdkResult, Send } from './transport/request';
import { entities, entity, pageGuard } from './transport/shape';
import type { Contact, ContactFields, Field, Note, Tag } from './types';

const PAGE_SIZE = 500;

/**
 * Every Mautic operation this package uses, each bound to the transport with its retry class.
 * The one place that knows which operations are safe to repeat:
 * - reads; contact create (Mautic merges on email) and edit; tag create (200 for an existing
 *   name); segment add → retried;
 * - note create, email send and field create → never retried once sent (a note or an email
 *   would happen twice; a field would be created again under a suffixed alias).
 */

type Client = sdk.Client;

export interface ListContactsQuery {
  search?: string;
  start?: number;
  limit?: number;
  orderBy?: string;
  orderByDir?: 'ASC' | 'DESC';
  minimal?: boolean;
  published?: boolean;
  /** Serialized as `where[i][col|expr|val]`: the exact, parser-free filter (e.g. email `eq`). */
  where?: sdk.WhereClause[];
}

export interface ContactList {
  total: number;
  contacts: Contact[];
}

// hey-api's serializer flattens one level of deepObject; Mautic's `where[0][col]=…` needs two.
// Every value is percent-encoded, so `+` in an email is not read as a space.
export function serializeContactsQuery(query: ListContactsQuery): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || key === 'where') continue;
    const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  }
  query.where?.forEach((clause, index) => {
    for (const key of ['col', 'expr', 'val'] as const) {
      const value = clause[key];
      if (value !== undefined)
        parts.push(`${encodeURIComponent(`where[${index}][${key}]`)}=${encodeURIComponent(value)}`);
    }
  });
  return parts.join('&');
}

export type ContactInput = ContactFields & { tags?: string[]; overwriteWithBlank?: boolean };

export function createOperations(send: Send, client: Client) {
  /** Every item of a paged list (`total` says when to stop), whichever form Mautic sends it in. */
  async function readAllPages<T>(
    path: string,
    key: string,
    signal: AbortSignal | undefined,
    call: (query: { start: number; limit: number }, o: SdkCallOptions) => Promise<SdkResult>,
  ): Promise<T[]> {
    const all: T[] = [];
    const checkPage = pageGuard();
    for (let start = 0; ; ) {
      const query = { start, limit: PAGE_SIZE };
      const answer = await send<Record<string, unknown>>(
        { method: 'GET', path: `${path}?start=${start}&limit=${PAGE_SIZE}`, idempotent: true },
        (o) => call(query, o),
        signal,
      );
      const page = entities<T>(answer, key);
      checkPage(answer, page);
      all.push(...page);
      start += page.length;
      if (page.length === 0 || start >= Number(answer.data.total ?? 0)) return all;
    }
  }

  return {
    async listContacts(query: ListContactsQuery, signal?: AbortSignal): Promise<ContactList & { headers: Headers }> {
      const search = serializeContactsQuery(query);
      // The serializer writes the whole query string; `where` is typed apart for that reason.
      const { where: _where, ...plain } = query;
      const answer = await send<{ total?: string | number; contacts?: unknown }>(
        { method: 'GET', path: `/api/contacts${search ? `?${search}` : ''}`, idempotent: true },
        (o) => sdk.listContacts({ client, query: plain, querySerializer: () => search, ...o }),
        signal,
      );
      return {
        total: Number(answer.data.total ?? 0),
        contacts: entities<Contact>(answer, 'contacts'),
        headers: answer.headers,
      };
    },

    async getContact(id: number, signal?: AbortSignal): Promise<Contact> {
      const contactId = assertId(id);
      const answer = await send<{ contact: Contact }>(
        { method: 'GET', path: `/api/contacts/${contactId}`, idempotent: true },
        (o) => sdk.getContact({ client, path: { id: contactId }, ...o }),
        signal,
      );
      return entity<Contact>(answer, 'contact');
    },

    async createContact(body: ContactInput, signal?: AbortSignal): Promise<{ contact: Contact; created: boolean }> {
      const answer = await send<{ contact: Contact }>(
        { method: 'POST', path: '/api/contacts/new', idempotent: true },
        (o) => sdk.createContact({ client, body: body, ...o }),
        signal,
      );
      // 201 is a new contact; 200 means Mautic merged into the one with this email.
      return { contact: entity<Contact>(answer, 'contact'), created: answer.status === 201 };
    },

    async editContact(id: number, body: ContactInput, signal?: AbortSignal): Promise<Contact> {
      const contactId = assertId(id);
      const answer = await send<{ contact: Contact }>(
        { method: 'PATCH', path: `/api/contacts/${contactId}/edit`, idempotent: true },
        (o) => sdk.editContact({ client, path: { id: contactId }, body: body, ...o }),
        signal,
      );
      return entity<Contact>(answer, 'contact');
    },

    /** All contact fields: Mautic pages lists (30 by default), and a site has 40+ fields. */
    listContactFields(signal?: AbortSignal): Promise<Field[]> {
      return readAllPages<Field>('/api/fields/contact', 'fields', signal, (query, o) =>
        sdk.listContactFields({ client, query: query, ...o }),
      );
    },

    async createContactField(
      body: sdk.FieldInput & { alias: string },
      signal?: AbortSignal,
    ): Promise<{ field: Field; queued: boolean }> {
      const answer = await send<{ field: Field }>(
        // Not repeated: a create whose answer was lost would come back as `<alias>1` on a retry.
        { method: 'POST', path: '/api/fields/contact/new', idempotent: false },
        (o) => sdk.createContactField({ client, body: body, ...o }),
        signal,
      );
      // 202: Mautic adds the column in the background (create_custom_field_in_background).
      return { field: entity<Field>(answer, 'field'), queued: answer.status === 202 };
    },

    listTags(signal?: AbortSignal): Promise<Tag[]> {
      return readAllPages<Tag>('/api/tags', 'tags', signal, (query, o) => sdk.listTags({ client, query: query, ...o }));
    },

    async createTag(tag: string, signal?: AbortSignal): Promise<{ tag: Tag; created: boolean }> {
      const answer = await send<{ tag: Tag }>(
        { method: 'POST', path: '/api/tags/new', idempotent: true },
        (o) => sdk.createTag({ client, body: { tag }, ...o }),
        signal,
      );
      return { tag: entity<Tag>(answer, 'tag'), created: answer.status === 201 };
    },

    async createNote(
      body: { lead: number; text: string; type: 'general' | 'email' | 'call' | 'meeting'; dateTime?: string },
      signal?: AbortSignal,
    ): Promise<Note> {
      const answer = await send<{ note: Note }>(
        { method: 'POST', path: '/api/notes/new', idempotent: false },
        (o) => sdk.createNote({ client, body: body, ...o }),
        signal,
      );
      return entity<Note>(answer, 'note');
    },

    async sendEmailToContact(
      emailId: number,
      contactId: number,
      tokens: Record<string, string>,
      signal?: AbortSignal,
    ): Promise<{ success: boolean; failed?: unknown }> {
      const email = assertId(emailId, 'emailId');
      const contact = assertId(contactId, 'contactId');
      const answer = await send<{ success?: unknown; failed?: unknown }>(
        { method: 'POST', path: `/api/emails/${email}/contact/${contact}/send`, idempotent: false },
        (o) =>
          sdk.sendEmailToContact({
            client,
            path: { emailId: email, contactId: contact },
            body: { tokens },
            ...o,
          }),
        signal,
      );
      const success = answer.data.success === true || answer.data.success === 1;
      return { success, failed: answer.data.failed };
    },

    async addContactToSegment(segmentId: number, contactId: number, signal?: AbortSignal): Promise<boolean> {
      const segment = assertId(segmentId, 'segmentId');
      const contact = assertId(contactId, 'contactId');
      const answer = await send<{ success?: unknown }>(
        { method: 'POST', path: `/api/segments/${segment}/contact/${contact}/add`, idempotent: true },
        (o) => sdk.addContactToSegment({ client, path: { segmentId: segment, contactId: contact }, ...o }),
        signal,
      );
      return answer.data.success === true || answer.data.success === 1;
    },

    async requestToken(
      form: TokenGrant & { client_id: string; client_secret: string },
      signal?: AbortSignal,
    ): Promise<unknown> {
      // A refresh token is single-use (Mautic rotates it), so only client_credentials is repeatable.
      const answer = await send<unknown>(
        { method: 'POST', path: '/oauth/v2/token', idempotent: form.grant_type === 'client_credentials' },
        (o) => sdk.requestToken({ client, body: form, ...o }),
        signal,
      );
      return answer.data;
    },
  };
}

export type Operations = ReturnType<typeof createOperations>;
