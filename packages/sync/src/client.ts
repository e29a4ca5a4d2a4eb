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
import type {
  MarkRecoveredOptions,
  MarkRecoveredResult,
  SyncCartOptions,
  SyncCartResult,
} from './workflows/abandoned-cart';
import type { EraseCustomerResult } from './workflows/erasure';
import type { WorkflowResources } from './workflows/resources';
import type { SyncCustomerOptions, SyncCustomerResult } from './workflows/sync-customer';
import type { SyncOrderOptions, SyncOrderResult } from './workflows/sync-order';
import type { BackfillItem, BackfillSummary, SyncOrdersOptions } from './workflows/sync-orders';

// The workflows load on first use: they bring the WooCommerce conversions and the ISO → Mautic
// region table (13 KB gzipped), which an app that only reads or writes contacts never needs.
const workflows = () => import('./workflows/index');

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
    // The transport sends every request with this fetch (no redirects, a bounded body: transport/).
    const transport = { ...resolved, logger, secrets, retryDelays: options.retryDelays, fetch: options.fetch };
    const api = new MauticApi(transport);
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
      requests: () => api.calls,
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
  async syncOrder(order: WooOrder, options?: SyncOrderOptions): Promise<SyncOrderResult> {
    return (await workflows()).syncOrder(this.#workflows, order, options);
  }

  /** An abandoned cart → the contact's cart fields, recovery link, `abandoned_cart` tag, segment. */
  async syncAbandonedCart(cart: AbandonedCart, options?: SyncCartOptions): Promise<SyncCartResult> {
    return (await workflows()).syncAbandonedCart(this.#workflows, cart, options);
  }

  /** Clears the cart fields, swaps `abandoned_cart` for `recovered_cart`, leaves the cart's segment. */
  async markCartRecovered(email: string, options?: MarkRecoveredOptions): Promise<MarkRecoveredResult> {
    return (await workflows()).markCartRecovered(this.#workflows, email, options);
  }

  /** A WooCommerce customer (registration, profile update) → a contact with the `customer` tag, orders or not. */
  async syncCustomer(customer: WooCustomer, options?: SyncCustomerOptions): Promise<SyncCustomerResult> {
    return (await workflows()).syncCustomer(this.#workflows, customer, options);
  }

  /** Erasure: deletes the contacts with exactly this email, forgets it here, keeps a tombstone (see README). */
  async eraseCustomer(email: string, options?: { signal?: AbortSignal }): Promise<EraseCustomerResult> {
    return (await workflows()).eraseCustomer(this.#workflows, email, options);
  }

  /**
   * A backfill: orders, or the `failures` (and in batch mode `failedCustomers`) of an earlier run;
   * `mode: 'batch'` writes each customer once, 200 a request.
   */
  async syncOrders(
    orders: Iterable<BackfillItem> | AsyncIterable<BackfillItem>,
    options?: SyncOrdersOptions,
  ): Promise<BackfillSummary> {
    return (await workflows()).backfill(this.#workflows, orders, options);
  }
}

export function createMauticClient(options: MauticClientOptions): MauticClient {
  return new MauticClient(options);
}
