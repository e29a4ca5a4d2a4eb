import type { UpsertOptions } from '../contacts/upsert';
import { assertCustomer, contactFromCustomer, type WooCustomer } from '../woo';
import { assertConsentSource, type ConsentSource, consentStep, readConsent } from './consent';
import { erasureSkip } from './erasure';
import { customerKey, type WorkflowResources } from './resources';
import type { WorkflowStep } from './steps';

export const CUSTOMER_TAG = 'customer';

export interface SyncCustomerOptions {
  /** Tags added besides `customer`. */
  tags?: string[];
  /** Marketing consent, as for orders: a meta key on the customer or a function; undefined changes nothing. */
  consent?: ConsentSource<WooCustomer>;
  strategy?: UpsertOptions['strategy'];
  signal?: AbortSignal;
}

export interface SyncCustomerResult {
  customerId: number;
  email: string;
  /** Null when the customer was skipped (see `skipped`). */
  contactId: number | null;
  created: boolean;
  /** `erased`: the customer was erased after this profile last changed, so nothing was written. */
  skipped?: 'erased';
  droppedFields: string[];
  unconverted: Array<{ field: 'state' | 'country'; value: string }>;
  steps: WorkflowStep[];
  ok: boolean;
}

/**
 * A WooCommerce customer (`customer.created` / `customer.updated`) → a contact, with or without
 * orders: billing address with Mautic's names for country and state, the `customer` tag, and
 * consent. No `mautic_woo_*` field is written, so none is checked. Requests: the upsert (2 the
 * first time this client sees the email, 1 after; 1 with `strategy: 'merge'`) and 0–1 for consent.
 */
export async function syncCustomer(
  resources: WorkflowResources,
  customerInput: WooCustomer,
  options: SyncCustomerOptions = {},
): Promise<SyncCustomerResult> {
  const customer = assertCustomer(customerInput);
  const consentSource = assertConsentSource<WooCustomer>(options.consent);
  // Read before any request: a consent function that throws stops the sync before it writes.
  const consent = readConsent(consentSource, customer);
  const { fields, unconverted } = contactFromCustomer(customer);
  return resources.customers.run(customerKey(fields.email), async () => {
    const { signal } = options;
    const steps: WorkflowStep[] = [];
    const base = { customerId: customer.id, email: fields.email, droppedFields: [], unconverted, steps };
    const dates = [customer.date_modified_gmt, customer.date_created_gmt, customer.date_modified];
    const skip = await erasureSkip(resources, fields.email, 'customer profile', ...dates);
    if (skip) {
      steps.push({ step: 'contact', status: 'skipped', detail: skip });
      return { ...base, contactId: null, created: false, skipped: 'erased', ok: true };
    }
    const tags = [CUSTOMER_TAG, ...(options.tags ?? [])];
    const upserted = await resources.contacts.upsert({ ...fields, tags }, { strategy: options.strategy, signal });
    steps.push({ step: 'contact', status: 'ok', detail: upserted.created ? 'created' : 'updated' });
    await consentStep(resources.contacts, steps, consentSource !== undefined, consent, upserted.contact, signal);
    return {
      ...base,
      contactId: upserted.contact.id,
      created: upserted.created,
      droppedFields: upserted.droppedFields,
      ok: steps.every((s) => s.status !== 'failed'),
    };
  });
}
