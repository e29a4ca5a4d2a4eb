// The encoder's own entry: the SDK's generated client is not part of this package's bundle.
import { type ContactsQuery, serializeContactsQuery } from '@mautic-woo/sdk/query';
import type { MauticApi } from '../api';
import { MauticInvalidInputError } from '../errors';
import { assertEmail, assertId } from '../input';
import type { Logger } from '../logger';
import { entities, entity } from '../transport/shape';
import type { Contact, ContactInput, DoNotContactReason } from '../types';
import type { BatchItemResult, createContactsBatch } from './batch';
import { ContactCache } from './contact-cache';
import { emailLookup, exactMatches } from './find-by-email';
import { normalizeContact } from './normalize';
import type { UpsertContactInput, UpsertOptions, UpsertResult, upsertContact } from './upsert';
import type { BatchUpsertResult, upsertContactsBatch } from './upsert-batch';

type Signal = { signal?: AbortSignal | undefined };

export interface ContactList {
  total: number;
  contacts: Contact[];
  headers: Headers;
}

/**
 * The writes made of several requests, loaded on first use: the client hands in the loader
 * (on-demand.ts), so an app that only reads contacts does not ship them.
 */
export interface ContactWrites {
  upsertContact: typeof upsertContact;
  createContactsBatch: typeof createContactsBatch;
  upsertContactsBatch: typeof upsertContactsBatch;
}

/** Mautic contacts. Owns the email → id cache, so a run never looks the same email up twice. */
export class Contacts {
  readonly #api: MauticApi;
  readonly #logger: Logger;
  readonly #cache = new ContactCache();
  readonly #writes: () => Promise<ContactWrites>;

  constructor(api: MauticApi, logger: Logger, writes: () => Promise<ContactWrites>) {
    this.#api = api;
    this.#logger = logger;
    this.#writes = writes;
  }

  async get(id: number, options: Signal = {}): Promise<Contact> {
    const answer = await this.#api.call('getContact', { path: { id: assertId(id) } }, options);
    return normalizeContact(entity<Contact>(answer, 'contact'));
  }

  /** PATCH: only the fields given change; blank values are skipped unless `overwriteWithBlank`. */
  async update(id: number, fields: ContactInput, options: Signal = {}): Promise<Contact> {
    if (!fields || typeof fields !== 'object') throw new MauticInvalidInputError('fields are required', 'fields');
    const path = { id: assertId(id) };
    const answer = await this.#api.call('editContact', { path, body: fields }, options);
    return normalizeContact(entity<Contact>(answer, 'contact'));
  }

  /** `POST /contacts/new`: 201 is a new contact; 200 means Mautic merged into the one with this email. */
  async create(fields: ContactInput, options: Signal = {}): Promise<{ contact: Contact; created: boolean }> {
    const answer = await this.#api.call('createContact', { body: fields }, options);
    return { contact: normalizeContact(entity<Contact>(answer, 'contact')), created: answer.status === 201 };
  }

  /** `GET /api/contacts` with `where` (nested `andX`/`orX`, two-value `between`), `select`, `order`, paging. */
  async list(query: ContactsQuery = {}, options: Signal = {}): Promise<ContactList> {
    let search: string;
    try {
      search = serializeContactsQuery(query);
    } catch (error) {
      // A malformed clause (no col, `between` without two values) would make Mautic answer 500.
      throw new MauticInvalidInputError(error instanceof Error ? error.message : String(error), 'query');
    }
    // The serializer writes the whole query string; `where`, `select` and `order` are typed apart for that reason.
    const { where: _where, select: _select, order: _order, ...plain } = query;
    const answer = await this.#api.call('listContacts', { query: plain, querySerializer: () => search }, options);
    return {
      total: Number(answer.data.total ?? 0),
      contacts: entities<Contact>(answer, 'contacts').map(normalizeContact),
      headers: answer.headers,
    };
  }

  /** The contact with exactly this email, or null. Never a prefix or substring match. */
  async findByEmail(email: string, options: Signal = {}): Promise<Contact | null> {
    return (await this.findAllByEmail(email, options))[0] ?? null;
  }

  /**
   * Every contact with exactly this email, oldest first (Mautic allows duplicates where email is
   * not its unique identifier). One request; up to 100 duplicates.
   */
  async findAllByEmail(email: string, options: Signal = {}): Promise<Contact[]> {
    const wanted = assertEmail(email);
    const { contacts } = await this.list(
      { where: [emailLookup(wanted)], limit: 100, orderBy: 'id', orderByDir: 'ASC' },
      options,
    );
    const matches = exactMatches(contacts, wanted);
    if (matches[0]) this.#cache.set(wanted, matches[0].id);
    return matches;
  }

  /** The id this client has cached for this email, without a request; undefined when it has none. */
  knownId(email: string): number | undefined {
    return this.#cache.get(assertEmail(email));
  }

  /** The id of the contact with this email, from the cache when this client has seen it. */
  async idOf(email: string, options: Signal = {}): Promise<number | null> {
    return this.#cache.get(assertEmail(email)) ?? (await this.findByEmail(email, options))?.id ?? null;
  }

  /** Creates or updates the contact with this email: see `UpsertOptions.strategy`. */
  async upsert(input: UpsertContactInput, options: UpsertOptions = {}): Promise<UpsertResult> {
    return (await this.#writes()).upsertContact(this, this.#cache, this.#logger, input, options);
  }

  /**
   * `POST /contacts/batch/new`: up to 200 contacts in one request, each created or merged on its
   * email; the outcome per item, in order. Remembers the ids, as single writes do.
   */
  async createBatch(items: ContactInput[], options: Signal = {}): Promise<BatchItemResult[]> {
    const results = await (await this.#writes()).createContactsBatch(this.#api, items, options.signal);
    results.forEach((result, i) => {
      const email = items[i]?.email;
      if (result.ok && typeof email === 'string') this.#cache.set(email, result.contact.id);
    });
    return results;
  }

  /**
   * Many `upsert`s in `POST /contacts/batch/new` requests (merging on email, as strategy `merge`):
   * an outcome per input, in order; a refused region or country is retried per contact.
   */
  async upsertBatch(
    inputs: UpsertContactInput[],
    options: { batchSize?: number; signal?: AbortSignal | undefined } = {},
  ): Promise<BatchUpsertResult> {
    return (await this.#writes()).upsertContactsBatch(this, this.#logger, inputs, options);
  }

  /** `Mautic-Version` of the server, as last seen (null before the first answer, or behind a proxy that strips it). */
  get serverVersion(): string | null {
    return this.#api.serverVersion;
  }

  /** `DELETE /contacts/{id}/delete`: the contact as it was (Mautic answers its id as null). */
  async delete(id: number, options: Signal = {}): Promise<Partial<Contact>> {
    const answer = await this.#api.call('deleteContact', { path: { id: assertId(id) } }, options);
    return answer.data.contact ?? {};
  }

  /**
   * Puts the contact on a channel's do-not-contact list (default `email`, reason 3 = manual).
   * Mautic keeps one entry per channel and replaces an existing one, except an unsubscribe: read
   * `contact.doNotContact` first when an existing reason must survive.
   */
  async addDoNotContact(id: number, entry: DoNotContactOptions = {}, options: Signal = {}): Promise<Contact> {
    const path = { id: assertId(id), channel: assertChannel(entry.channel) };
    const reason = entry.reason ?? 3;
    if (reason !== 1 && reason !== 2 && reason !== 3) {
      throw new MauticInvalidInputError('reason must be 1 (unsubscribed), 2 (bounced) or 3 (manual)', 'reason');
    }
    const body = { reason, ...(entry.comments === undefined ? {} : { comments: entry.comments }) };
    const answer = await this.#api.call('addDoNotContact', { path, body }, options);
    return answer.data.contact;
  }

  /**
   * Takes the contact off a channel's do-not-contact list whatever the entry's reason, an
   * unsubscribe included: read `contact.doNotContact` first (the consent workflow lifts only
   * entries this package set). `recordFound` says whether there was an entry.
   */
  async removeDoNotContact(
    id: number,
    channel = 'email',
    options: Signal = {},
  ): Promise<{ recordFound: boolean; contact: Contact | null }> {
    const path = { id: assertId(id), channel: assertChannel(channel) };
    const answer = await this.#api.call('removeDoNotContact', { path }, options);
    return { recordFound: answer.data.recordFound === true, contact: answer.data.contact ?? null };
  }

  /** Drops what this client remembers of an email (after an erasure, or a contact merged away). */
  forget(email: string): void {
    this.#cache.delete(email);
  }
}

export interface DoNotContactOptions {
  /** Default `email`. */
  channel?: string;
  /** Default 3 (manual). */
  reason?: DoNotContactReason;
  /** Shown in the contact's timeline. */
  comments?: string;
}

function assertChannel(value: unknown = 'email'): string {
  if (typeof value !== 'string' || !/^[a-z0-9_]+$/i.test(value)) {
    throw new MauticInvalidInputError('channel must be a channel name such as "email"', 'channel');
  }
  return value;
}
