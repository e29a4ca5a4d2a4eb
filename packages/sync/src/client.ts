import { createClient, createConfig } from '@mautic-woo/sdk';
import { ofetch } from 'ofetch';
import { MauticApi } from './api';
import { createCredentials } from './auth/credentials';
import { OAuth } from './auth/oauth';
import { assertCommerceOptions } from './commerce-options';
import { type ConnectionResult, testConnection } from './connection';
import { Contacts } from './contacts/contacts';
import { Emails } from './emails/emails';
import { Fields } from './fields/fields';
import { safeLogger } from './logger';
import { Notes } from './notes/notes';
import { type MauticClientOptions, resolveOptions } from './options';
import { Segments } from './segments/segments';
import { CustomerOrders } from './state/customer-orders';
import { MemoryErasureLog } from './state/erasure-log';
import { MemoryKeyedSerializer } from './state/keyed-serializer';
import { MemoryStepLedger } from './state/step-ledger';
import { Tags } from './tags/tags';
import { SecretSet } from './transport/redact';
import type { AbandonedCart, WooCustomer, WooOrder } from './woo';
import {
  type MarkRecoveredOptions,
  type MarkRecoveredResult,
  markCartRecovered,
  type SyncCartOptions,
  type SyncCartResult,
  syncAbandonedCart,
} from './workflows/abandoned-cart';
import { type EraseCustomerResult, eraseCustomer } from './workflows/erasure';
import type { WorkflowResources } from './workflows/resources';
import { type SyncCustomerOptions, type SyncCustomerResult, syncCustomer } from './workflows/sync-customer';
import { type SyncOrderOptions, type SyncOrderResult, syncOrder } from './workflows/sync-order';
import { type BackfillItem, type BackfillSummary, type SyncOrdersOptions, syncOrders } from './workflows/sync-orders';

/**
 * A Mautic client: resources by namespace (`contacts`, `fields`, `tags`, `segments`, `oauth`) and
 * the WooCommerce workflows on the client itself. This file only wires them together.
 */
export class MauticClient {
  readonly contacts: Contacts;
  readonly fields: Fields;
  readonly tags: Tags;
  readonly segments: Segments;
  readonly oauth: OAuth;
  readonly #workflows: WorkflowResources;

  constructor(options: MauticClientOptions) {
    const resolved = resolveOptions(options);
    assertCommerceOptions(options);
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
    const transport = { ...resolved, logger, secrets, retryDelays: options.retryDelays, fetch: options.fetch };
    const api = new MauticApi(transport, sdkClient);
    const { credentials, tokens } = createCredentials(resolved.auth, api, secrets, logger, resolved.tokenTimeoutMs);
    api.authenticate(credentials);

    this.contacts = new Contacts(api, logger);
    this.fields = new Fields(api, logger);
    this.tags = new Tags(api);
    this.segments = new Segments(api);
    this.oauth = new OAuth(resolved.auth, resolved.baseUrl, tokens);
    this.#workflows = {
      contacts: this.contacts,
      fields: this.fields,
      notes: new Notes(api),
      emails: new Emails(api),
      segments: this.segments,
      steps: options.stepLedger ?? new MemoryStepLedger(),
      customers: options.serializer ?? new MemoryKeyedSerializer(),
      // Long enough for every attempt of a send; a claim older than this reads as "may have happened".
      claimTtlMs: Math.max(60_000, 2 * resolved.timeoutMs * (resolved.maxRetries + 1)),
      erasures: options.erasures ?? new MemoryErasureLog(),
      customerOrders: new CustomerOrders(),
      woo: options.woo,
    };
  }

  /** `GET /api/contacts?limit=1`; throws a typed error saying what is wrong (URL, API off, auth). */
  testConnection(options: { signal?: AbortSignal } = {}): Promise<ConnectionResult> {
    return testConnection(this.contacts, options.signal);
  }

  /** A WooCommerce order → its customer's contact, tags, and optionally a note and a status email. */
  syncOrder(order: WooOrder, options?: SyncOrderOptions): Promise<SyncOrderResult> {
    return syncOrder(this.#workflows, order, options);
  }

  /** An abandoned cart → the contact's cart fields, recovery link, `abandoned_cart` tag, segment. */
  syncAbandonedCart(cart: AbandonedCart, options?: SyncCartOptions): Promise<SyncCartResult> {
    return syncAbandonedCart(this.#workflows, cart, options);
  }

  /** Clears the cart fields, swaps `abandoned_cart` for `recovered_cart`, leaves the cart's segment. */
  markCartRecovered(email: string, options?: MarkRecoveredOptions): Promise<MarkRecoveredResult> {
    return markCartRecovered(this.#workflows, email, options);
  }

  /** A WooCommerce customer (registration, profile update) → a contact with the `customer` tag, orders or not. */
  syncCustomer(customer: WooCustomer, options?: SyncCustomerOptions): Promise<SyncCustomerResult> {
    return syncCustomer(this.#workflows, customer, options);
  }

  /**
   * Erasure: deletes every contact with exactly this email, forgets the email here, and keeps a
   * tombstone so that webhooks for older orders do not bring it back. `{ found: false }` when Mautic
   * had no such contact.
   */
  eraseCustomer(email: string, options?: { signal?: AbortSignal }): Promise<EraseCustomerResult> {
    return eraseCustomer(this.#workflows, email, options);
  }

  /**
   * Orders, or the `failures` of an earlier run (their completed one-shot steps are skipped). The
   * WooCommerce reader's answers are kept for the run, so each customer's totals are read once.
   */
  syncOrders(
    orders: Iterable<BackfillItem> | AsyncIterable<BackfillItem>,
    options?: SyncOrdersOptions,
  ): Promise<BackfillSummary> {
    const reader = (options?.woo ?? this.#workflows.woo)?.cached();
    const run = { ...options, ...(reader ? { woo: reader } : {}) };
    return syncOrders(orders, (order, orderOptions) => syncOrder(this.#workflows, order, orderOptions), run);
  }
}

export function createMauticClient(options: MauticClientOptions): MauticClient {
  return new MauticClient(options);
}
