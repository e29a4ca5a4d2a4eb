import { createClient, createConfig } from '@mautic-woo/sdk';
import { ofetch } from 'ofetch';
import { createCredentials, NO_CREDENTIALS } from './auth/credentials';
import type { TokenSet } from './auth/token-store';
import { type ConnectionResult, testConnection } from './connection';
import { ContactCache } from './contacts/contact-cache';
import { findContactByEmail } from './contacts/find-contact';
import {
  type CreateOrUpdateContactInput,
  createOrUpdateContact,
  type UpsertOptions,
  type UpsertResult,
} from './contacts/upsert-contact';
import {
  type CheckFieldsResult,
  checkCustomFields,
  type EnsureFieldsResult,
  ensureCustomFields,
} from './fields/ensure-fields';
import { assertId } from './input';
import { type ContactInput, createOperations } from './operations';
import { type MauticClientOptions, resolveOptions } from './options';
import { type EnsureTagsResult, ensureTags, type KnownTags } from './tags/ensure-tags';
import { MauticInvalidInputError } from './transport/errors';
import { safeLogger } from './transport/logger';
import { SecretSet } from './transport/redact';
import { createTransport } from './transport/request';
import type { Contact } from './types';
import type { WooOrder } from './woo';
import {
  type MarkRecoveredResult,
  markCartRecovered,
  type SyncCartOptions,
  type SyncCartResult,
  syncAbandonedCart,
} from './workflows/abandoned-cart';
import { CompletedSteps } from './workflows/completed-steps';
import { type SyncOrderOptions, type SyncOrderResult, syncOrder, type WorkflowContext } from './workflows/sync-order';
import { type BackfillItem, type BackfillSummary, type SyncOrdersOptions, syncOrders } from './workflows/sync-orders';

export interface MauticClient {
  /** `GET /api/contacts?limit=1`; throws a typed error saying what is wrong. */
  testConnection(options?: { signal?: AbortSignal }): Promise<ConnectionResult>;
  /** The contact with exactly this email, or null. Never a prefix or substring match. */
  findContactByEmail(email: string, options?: { signal?: AbortSignal }): Promise<Contact | null>;
  getContact(id: number, options?: { signal?: AbortSignal }): Promise<Contact>;
  updateContact(id: number, fields: ContactInput, options?: { signal?: AbortSignal }): Promise<Contact>;
  createOrUpdateContact(input: CreateOrUpdateContactInput, options?: UpsertOptions): Promise<UpsertResult>;
  ensureCustomFields(options?: { signal?: AbortSignal; refresh?: boolean }): Promise<EnsureFieldsResult>;
  /** Which `mautic_woo_*` fields exist, without creating any. */
  checkCustomFields(options?: { signal?: AbortSignal }): Promise<CheckFieldsResult>;
  ensureTags(names: readonly string[], options?: { signal?: AbortSignal }): Promise<EnsureTagsResult>;
  syncOrder(order: WooOrder, options?: SyncOrderOptions): Promise<SyncOrderResult>;
  syncAbandonedCart(cart: unknown, options?: SyncCartOptions): Promise<SyncCartResult>;
  markCartRecovered(email: string, options?: { signal?: AbortSignal }): Promise<MarkRecoveredResult>;
  /** Orders, or the `failures` of an earlier run (their completed note/email steps are skipped). */
  syncOrders(
    orders: Iterable<BackfillItem> | AsyncIterable<BackfillItem>,
    options?: SyncOrdersOptions,
  ): Promise<BackfillSummary>;
  addContactToSegment(segmentId: number, contactId: number, options?: { signal?: AbortSignal }): Promise<boolean>;
  /** OAuth2 browser flow, step 1: where to send the user. */
  authorizationUrl(params: { redirectUri: string; state: string }): string;
  /** OAuth2 browser flow, step 2: trade the `code` Mautic redirected back with for tokens. */
  exchangeAuthorizationCode(params: { code: string; redirectUri: string; signal?: AbortSignal }): Promise<TokenSet>;
}

export function createMauticClient(options: MauticClientOptions): MauticClient {
  const resolved = resolveOptions(options);
  const secrets = new SecretSet();
  const logger = safeLogger(options.logger, secrets);
  const sdkClient = createClient(
    createConfig({
      baseUrl: resolved.baseUrl,
      // Retries belong to the transport; ofetch retries GETs on its own by default, which would double them.
      retry: 0,
      ...(options.fetch ? { ofetch: ofetch.create({}, { fetch: options.fetch }) } : {}),
    }),
  );

  // Token requests go through the same transport, with no credential of their own.
  const common = {
    baseUrl: resolved.baseUrl,
    timeoutMs: resolved.timeoutMs,
    maxRetries: resolved.maxRetries,
    logger,
    secrets,
    retryDelays: options.retryDelays,
    fetch: options.fetch,
    limits: resolved.limits,
  };
  const tokenOperations = createOperations(
    createTransport({ ...common, timeoutMs: resolved.tokenTimeoutMs, credentials: NO_CREDENTIALS }),
    sdkClient,
  );
  const auth = resolved.auth;
  const { credentials, tokens } = createCredentials(auth, tokenOperations, secrets, logger, resolved.tokenTimeoutMs);

  const operations = createOperations(createTransport({ ...common, credentials }), sdkClient);
  const cache = new ContactCache();
  const knownTags: KnownTags = { listed: false, names: new Set() };
  const completedSteps = new CompletedSteps();
  let fields: Promise<EnsureFieldsResult> | null = null;
  let aliases: EnsureFieldsResult['aliases'] | null = null;

  const context: WorkflowContext = {
    operations,
    ensureFields(signal) {
      // Once per client; a failure is not cached, so the next call tries again.
      fields ??= ensureCustomFields(operations, logger, signal).then(
        (result) => {
          aliases = result.aliases;
          return result;
        },
        (error) => {
          fields = null;
          throw error;
        },
      );
      return fields;
    },
    aliasOf: (alias) => aliases?.[alias] ?? alias,
    completedSteps,
    upsert: (input, upsertOptions) => createOrUpdateContact(operations, cache, logger, input, upsertOptions),
    async findContactId(email, signal) {
      const cached = cache.get(email);
      if (cached !== undefined) return cached;
      const contact = await findContactByEmail(operations, email, signal);
      if (contact) cache.set(email, contact.id);
      return contact?.id ?? null;
    },
  };

  const client: MauticClient = {
    async testConnection(o) {
      return testConnection(operations, o?.signal);
    },
    async findContactByEmail(email, o) {
      const contact = await findContactByEmail(operations, email, o?.signal);
      if (contact) cache.set(email, contact.id);
      return contact;
    },
    async getContact(id, o) {
      return operations.getContact(assertId(id), o?.signal);
    },
    async updateContact(id, fields, o) {
      if (!fields || typeof fields !== 'object') throw new MauticInvalidInputError('fields are required', 'fields');
      return operations.editContact(assertId(id), fields, o?.signal);
    },
    async createOrUpdateContact(input, o) {
      return context.upsert(input, o ?? {});
    },
    async ensureCustomFields(o) {
      if (o?.refresh) fields = null;
      return context.ensureFields(o?.signal);
    },
    async checkCustomFields(o) {
      return checkCustomFields(operations, o?.signal);
    },
    async ensureTags(names, o) {
      return ensureTags(operations, knownTags, names, o?.signal);
    },
    async syncOrder(order, o) {
      return syncOrder(context, order, o);
    },
    async syncAbandonedCart(cart, o) {
      return syncAbandonedCart(context, cart, o);
    },
    async markCartRecovered(email, o) {
      return markCartRecovered(context, email, o);
    },
    async syncOrders(orders, o) {
      return syncOrders(orders, (order, orderOptions) => syncOrder(context, order, orderOptions), o);
    },
    async addContactToSegment(segmentId, contactId, o) {
      return operations.addContactToSegment(segmentId, contactId, o?.signal);
    },
    authorizationUrl({ redirectUri, state }) {
      if (auth.type !== 'oauth2') throw new MauticInvalidInputError('authorizationUrl needs oauth2 auth', 'auth.type');
      if (!redirectUri) throw new MauticInvalidInputError('redirectUri is required', 'redirectUri');
      if (!state) throw new MauticInvalidInputError('state is required (CSRF protection)', 'state');
      const query = new URLSearchParams({
        client_id: auth.clientId,
        grant_type: 'authorization_code',
        redirect_uri: redirectUri,
        response_type: 'code',
        state,
      });
      return `${resolved.baseUrl}/oauth/v2/authorize?${query}`;
    },
    async exchangeAuthorizationCode({ code, redirectUri, signal }) {
      if (!tokens) throw new MauticInvalidInputError('exchangeAuthorizationCode needs oauth2 auth', 'auth.type');
      return tokens.exchange({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }, signal);
    },
  };
  return client;
}
