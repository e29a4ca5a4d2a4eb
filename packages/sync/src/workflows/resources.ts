import type { Contacts } from '../contacts/contacts';
import type { Emails } from '../emails/emails';
import type { Fields } from '../fields/fields';
import type { Notes } from '../notes/notes';
import type { Segments } from '../segments/segments';
import type { KeyedSerializer } from '../state/keyed-serializer';
import type { StepLedger } from '../state/step-ledger';

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
}

/** The key a customer's work is serialized under: Mautic compares emails case-insensitively. */
export const customerKey = (email: string): string => email.trim().toLowerCase();
