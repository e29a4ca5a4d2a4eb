import type { MauticApi } from '../api';
import type { Contacts } from '../contacts/contacts';
import { Emails } from '../emails/emails';
import type { Fields } from '../fields/fields';
import { Notes } from '../notes/notes';
import type { Segments } from '../segments/segments';
import { CustomerOrders } from '../state/customer-orders';
import { type ErasureLog, MemoryErasureLog } from '../state/erasure-log';
import { type KeyedSerializer, MemoryKeyedSerializer } from '../state/keyed-serializer';
import { MemoryStepLedger, type StepLedger } from '../state/step-ledger';
import type { WooReader } from '../woo/reader';

/** What the workflows act through: the client's resources and its shared state. */
export interface WorkflowResources {
  contacts: Contacts;
  fields: Fields;
  notes: Notes;
  emails: Emails;
  segments: Segments;
  /** The record of notes and emails sent. */
  steps: StepLedger;
  /** One workflow at a time per customer (keyed by email). */
  customers: KeyedSerializer;
  /** How long a claimed note or email may stay unsettled before it reads as "may have happened". */
  claimTtlMs: number;
  /** Requests the client has made so far (a backfill reports its own as the difference). */
  requests: () => number;
  /** Erasure tombstones by email hash. */
  erasures: ErasureLog;
  /** Order ids this client synced per customer, for erasure to forget. */
  customerOrders: CustomerOrders;
  /** WooCommerce's own numbers, when the client was given credentials. */
  woo?: WooReader | undefined;
}

/** What the client hands the workflows: its own resources and the stores it was given. */
export interface WorkflowSetup {
  api: MauticApi;
  contacts: Contacts;
  fields: Fields;
  segments: Segments;
  claimTtlMs: number;
  stepLedger?: StepLedger | undefined;
  serializer?: KeyedSerializer | undefined;
  erasures?: ErasureLog | undefined;
  woo?: WooReader | undefined;
}

/**
 * The workflows' resources, built once per client on first use: notes, emails and the in-memory
 * stores are the workflows' alone, so an app that only reads or writes contacts never loads them.
 */
export function workflowResources(setup: WorkflowSetup): WorkflowResources {
  const { api, contacts, fields, segments, claimTtlMs, woo } = setup;
  return {
    contacts,
    fields,
    notes: new Notes(api),
    emails: new Emails(api),
    segments,
    steps: setup.stepLedger ?? new MemoryStepLedger(),
    customers: setup.serializer ?? new MemoryKeyedSerializer(),
    claimTtlMs,
    requests: () => api.calls,
    erasures: setup.erasures ?? new MemoryErasureLog(),
    customerOrders: new CustomerOrders(),
    woo,
  };
}

/** The key a customer's work is serialized under: Mautic compares emails case-insensitively. */
export const customerKey = (email: string): string => email.trim().toLowerCase();
