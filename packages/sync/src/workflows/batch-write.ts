import type { UpsertContactInput } from '../contacts/upsert';
import { runAll } from '../state/keyed-serializer';
import type { CustomerSummary } from '../woo/customer-history';
import type { WindowEntry } from './customer-window';
import { erasureRule } from './erasure';
import type { WorkflowResources } from './resources';
import { toMauticError } from './steps';
import type { CustomerOutcome } from './sync-orders';

/** A customer's part of one batch write: written, failed, or skipped as erased since it was folded. */
export type BatchWriteOutcome = CustomerOutcome | { erased: true; email: string; orderIds: number[] };

export interface BatchWrite {
  customers: CustomerSummary[];
  outcomes: BatchWriteOutcome[];
  /** The batch size Mautic took (a lower `api_batch_max_limit` splits a batch: contacts.upsertBatch). */
  batchSize: number;
}

/**
 * One batch of folded customers to Mautic, under the lock of every one of them (the client's
 * `serializer`, as the per-order path takes it): a live sync or an erasure of one of these
 * customers, in this process or any that shares the serializer, runs before or after the write,
 * never beside it. Under the locks each customer's erasure is read again, so an erasure since the
 * fold looked it up wins, as it does inside the per-order path's lock. Never throws: what fails
 * (the locks, the erasure log, the request) becomes the failure of the customers not yet written.
 */
export async function writeBatch(
  resources: WorkflowResources,
  entries: WindowEntry[],
  contactInput: (customer: CustomerSummary, entry: WindowEntry) => UpsertContactInput,
  options: {
    batchSize: number;
    signal?: AbortSignal | undefined;
    /** The customer's erasure time as the log holds it now (ErasureLookahead.erasedNow). */
    erasedNow: (email: string) => Promise<number | undefined>;
  },
): Promise<BatchWrite> {
  const customers = entries.map((entry) => entry.history.summary());
  const outcomes: BatchWriteOutcome[] = [];
  let batchSize = options.batchSize;
  try {
    await runAll(
      resources.customers,
      entries.map((entry) => entry.key),
      async () => {
        const skips = await Promise.all(
          customers.map(async (customer) =>
            erasureRule(await options.erasedNow(customer.email), 'order', customer.latestDate),
          ),
        );
        const inputs = customers.flatMap((customer, i) =>
          skips[i] === undefined ? [contactInput(customer, entries[i] as WindowEntry)] : [],
        );
        const result =
          inputs.length > 0
            ? await resources.contacts.upsertBatch(inputs, { batchSize, signal: options.signal })
            : { outcomes: [], batchSize };
        batchSize = Math.min(batchSize, result.batchSize);
        let written = 0;
        customers.forEach((customer, i) => {
          const base = { email: customer.email, orderIds: customer.orderIds };
          if (skips[i] !== undefined) {
            outcomes[i] = { erased: true, ...base };
            return;
          }
          // The inputs kept the customers' order, less the erased ones.
          const outcome = result.outcomes[written++];
          outcomes[i] = outcome?.ok
            ? {
                ok: true,
                ...base,
                contactId: outcome.result.contact.id,
                created: outcome.result.created,
                droppedFields: outcome.result.droppedFields,
                unconverted: customer.unconverted,
              }
            : { ok: false, ...base, error: outcome?.error ?? toMauticError('no outcome for this customer') };
        });
      },
    );
  } catch (error) {
    // The locks or the erasure log did not answer: the customers without an outcome were not written
    // and fail (failure records for the next run); a lock that failed to release keeps the outcomes.
    const failure = toMauticError(error);
    customers.forEach((customer, i) => {
      outcomes[i] ??= { ok: false, email: customer.email, orderIds: customer.orderIds, error: failure };
    });
  }
  return { customers, outcomes, batchSize };
}
