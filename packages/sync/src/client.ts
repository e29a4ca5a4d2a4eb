import { MauticApi } from './api';
import { createCredentials } from './auth/credentials';
import { OAuth } from './auth/oauth';
import { assertCommerceOptions } from './commerce-options';
import type { ConnectionResult } from './connection';
import { Contacts } from './contacts/contacts';
import { Fields } from './fields/fields';
import { safeLogger } from './logger';
import { type MauticClientOptions, resolveOptions } from './options';
import { Segments } from './segments/segments';
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
import type { WorkflowResources, WorkflowSetup } from './workflows/resources';
import type { SyncCustomerOptions, SyncCustomerResult } from './workflows/sync-customer';
import type { SyncOrderOptions, SyncOrderResult } from './workflows/sync-order';
import type { BackfillItem, BackfillSummary, SyncOrdersOptions } from './workflows/sync-orders';

// All but reading contacts loads on first use, through this one import (on-demand.ts says why one):
// the resources and the transport are handed it, so none of them imports what sits above it. Kept
// once loaded: import() costs ~2 µs a call even then, and every upsert asks for it. A failed load
// is not kept, so the next call tries again.
type Workflows = typeof import('./on-demand');
let loading: Promise<Workflows> | undefined;
const onDemand = (): Promise<Workflows> =>
  (loading ??= import('./on-demand').catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));

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
  readonly #setup: WorkflowSetup;
  #resources: WorkflowResources | undefined;

  constructor(options: MauticClientOptions) {
    const resolved = resolveOptions(options);
    assertCommerceOptions(options);
    const secrets = new SecretSet();
    const logger = safeLogger(options.logger, secrets);
    // The transport sends every request with this fetch (no redirects, a bounded body: transport/).
    const transport = {
      ...resolved,
      logger,
      secrets,
      retryDelays: options.retryDelays,
      fetch: options.fetch,
      loadRedirectError: async () => (await onDemand()).redirectError,
    };
    const api = new MauticApi(transport);
    const { credentials, tokens } = createCredentials(resolved.auth, api, secrets, logger, resolved.tokenTimeoutMs);
    api.authenticate(credentials);

    this.contacts = new Contacts(api, logger, onDemand);
    this.fields = new Fields(api, logger, onDemand);
    this.tags = new Tags(api, onDemand);
    this.segments = new Segments(api);
    this.oauth = new OAuth(resolved.auth, resolved.baseUrl, tokens);
    this.#setup = {
      api,
      contacts: this.contacts,
      fields: this.fields,
      segments: this.segments,
      // Long enough for every attempt of a send; a claim older than this reads as "may have happened".
      claimTtlMs: Math.max(60_000, 2 * resolved.timeoutMs * (resolved.maxRetries + 1)),
      stepLedger: options.stepLedger,
      serializer: options.serializer,
      erasures: options.erasures,
      woo: options.woo,
    };
  }

  /** Runs a workflow with the resources every workflow of this client shares (built on the first). */
  async #run<R>(workflow: (run: Workflows, resources: WorkflowResources) => Promise<R>): Promise<R> {
    const run = await onDemand();
    this.#resources ??= run.workflowResources(this.#setup);
    return workflow(run, this.#resources);
  }

  /** `GET /api/contacts?limit=1`; throws a typed error saying what is wrong (URL, API off, auth). */
  async testConnection(options: { signal?: AbortSignal } = {}): Promise<ConnectionResult> {
    return (await onDemand()).testConnection(this.contacts, options.signal);
  }

  /** A WooCommerce order → its customer's contact, tags, and optionally a note and a status email. */
  syncOrder(order: WooOrder, options?: SyncOrderOptions): Promise<SyncOrderResult> {
    return this.#run((run, resources) => run.syncOrder(resources, order, options));
  }

  /** An abandoned cart → the contact's cart fields, recovery link, `abandoned_cart` tag, segment. */
  syncAbandonedCart(cart: AbandonedCart, options?: SyncCartOptions): Promise<SyncCartResult> {
    return this.#run((run, resources) => run.syncAbandonedCart(resources, cart, options));
  }

  /** Clears the cart fields, swaps `abandoned_cart` for `recovered_cart`, leaves the cart's segment. */
  markCartRecovered(email: string, options?: MarkRecoveredOptions): Promise<MarkRecoveredResult> {
    return this.#run((run, resources) => run.markCartRecovered(resources, email, options));
  }

  /** A WooCommerce customer (registration, profile update) → a contact with the `customer` tag, orders or not. */
  syncCustomer(customer: WooCustomer, options?: SyncCustomerOptions): Promise<SyncCustomerResult> {
    return this.#run((run, resources) => run.syncCustomer(resources, customer, options));
  }

  /** Erasure: deletes the contacts with exactly this email, forgets it here, keeps a tombstone (see README). */
  eraseCustomer(email: string, options?: { signal?: AbortSignal }): Promise<EraseCustomerResult> {
    return this.#run((run, resources) => run.eraseCustomer(resources, email, options));
  }

  /**
   * A backfill: orders, or the `failures` (and in batch mode `failedCustomers`) of an earlier run;
   * `mode: 'batch'` writes each customer once, 200 a request.
   */
  syncOrders(
    orders: Iterable<BackfillItem> | AsyncIterable<BackfillItem>,
    options?: SyncOrdersOptions,
  ): Promise<BackfillSummary> {
    return this.#run((run, resources) => run.backfill(resources, orders, options));
  }
}

export function createMauticClient(options: MauticClientOptions): MauticClient {
  return new MauticClient(options);
}
