import type { Contacts } from '../contacts/contacts';
import type { Emails } from '../emails/emails';
import type { Fields } from '../fields/fields';
import type { Notes } from '../notes/notes';
import type { Segments } from '../segments/segments';
import type { CustomerOrders } from '../state/customer-orders';
import type { ErasureLog } from '../state/erasure-log';
import type { KeyedSerializer } from '../state/keyed-serializer';
import type { StepLedger } from '../state/step-ledger';
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
  /** Erasure tombstones by email hash. */
  erasures: ErasureLog;
  /** Order ids this client synced per customer, for erasure to forget. */
  customerOrders: CustomerOrders;
  /** WooCommerce's own numbers, when the client was given credentials. */
  woo?: WooReader | undefined;
}

/** The key a customer's work is serialized under: Mautic compares emails case-insensitively. */
export const customerKey = (email: string): string => email.trim().toLowerCase();
