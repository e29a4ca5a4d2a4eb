import type { MauticClient, SyncCustomerOptions, SyncOrderOptions, WooCustomer, WooOrder } from '@mautic-woo/sync';
import { type CustomerDirectory, MemoryCustomerDirectory } from './customer-directory';
import { type DeliveryProcessor, PermanentDeliveryError } from './queue';

/** The topics the default processor applies; the handler's default topic filter is the order ones. */
export const ORDER_TOPICS: readonly string[] = ['order.created', 'order.updated'];
export const CUSTOMER_TOPICS: readonly string[] = ['customer.created', 'customer.updated', 'customer.deleted'];
export const HANDLED_TOPICS: readonly string[] = [...ORDER_TOPICS, ...CUSTOMER_TOPICS];

/** Errors no retry can fix: the order itself is wrong (e.g. no valid billing email). */
const PERMANENT = new Set(['MauticInvalidInputError']);

/** What the processor calls; `syncCustomer` and `eraseCustomer` only for the customer topics. */
export type DeliveryClient = Pick<MauticClient, 'syncOrder'> &
  Partial<Pick<MauticClient, 'syncCustomer' | 'eraseCustomer'>>;

export interface ProcessorOptions extends Omit<SyncOrderOptions, 'signal'> {
  /** For `customer.created` / `customer.updated` (consent, tags). */
  customer?: Omit<SyncCustomerOptions, 'signal'>;
  /**
   * Where `customer.deleted` (which carries only the customer's id) finds the email that the
   * customer's earlier deliveries brought. Default: this process's memory (10,000 customers); share
   * one between processes, or keep one across restarts, to erase customers seen elsewhere or before.
   */
  customerDirectory?: CustomerDirectory;
}

const isCustomerId = (id: unknown): id is number => Number.isSafeInteger(id) && (id as number) > 0;

type Outcome = {
  ok: boolean;
  skipped?: 'erased';
  steps: ReadonlyArray<{ step: string; status: string; error?: unknown }>;
};

function failedSteps(what: string, result: Outcome): void {
  if (result.ok) return;
  const failed = result.steps.filter((step) => step.status === 'failed');
  throw new Error(`${what}: ${failed.map((step) => step.step).join(', ')} failed`, { cause: failed[0]?.error });
}

/**
 * topic → the client's workflow: orders → `syncOrder`, `customer.created|updated` → `syncCustomer`,
 * `customer.deleted` → `eraseCustomer` when the customer directory knows the customer's email. A sync
 * whose note or email failed throws, so the queue retries it; the client's step ledger keeps a retry
 * from repeating what already happened. Input no retry can fix is a PermanentDeliveryError.
 */
export function createDeliveryProcessor(client: DeliveryClient, options: ProcessorOptions = {}): DeliveryProcessor {
  const { customer: customerOptions, customerDirectory, ...orderOptions } = options;
  const directory = customerDirectory ?? new MemoryCustomerDirectory();
  // After the sync, so an erased customer's late delivery (skipped) does not bring the email back.
  // A guest order (customer_id 0) or a body without an email has nothing to remember.
  const remember = async (id: unknown, email: unknown, result: Outcome) => {
    if (result.skipped === 'erased' || !isCustomerId(id) || typeof email !== 'string' || email === '') return;
    await directory.remember(id, email);
  };

  async function apply(topic: string, id: number, payload: unknown, signal: AbortSignal | undefined): Promise<void> {
    const body = payload as { customer_id?: unknown; billing?: { email?: unknown }; email?: unknown };
    if (ORDER_TOPICS.includes(topic)) {
      const result = await client.syncOrder(payload as WooOrder, { ...orderOptions, signal });
      await remember(body.customer_id, body.billing?.email, result);
      failedSteps(`order ${id}`, result);
      return;
    }
    if (topic === 'customer.deleted') {
      if (!client.eraseCustomer) throw new PermanentDeliveryError('customer.deleted needs a client with eraseCustomer');
      const email = await directory.emailOf(id);
      // Erased already: this deletion again, after a crash between the erasure and the queue's record of it.
      if (email === null) return;
      if (!email) {
        throw new PermanentDeliveryError(
          `customer ${id} was deleted, but its email is unknown here (the delivery carries only the id): erase it with client.eraseCustomer(email)`,
        );
      }
      await client.eraseCustomer(email, { ...(signal ? { signal } : {}) });
      // Erasing is not keeping the email: the directory keeps the id, as erased.
      await directory.forget(id);
      return;
    }
    if (CUSTOMER_TOPICS.includes(topic)) {
      if (!client.syncCustomer) throw new PermanentDeliveryError(`${topic} needs a client with syncCustomer`);
      const result = await client.syncCustomer(payload as WooCustomer, { ...customerOptions, signal });
      await remember(id, body.email, result);
      failedSteps(`customer ${id}`, result);
      return;
    }
    throw new PermanentDeliveryError(`no processor for topic ${topic}`);
  }

  return async (delivery, context) => {
    try {
      await apply(delivery.topic, delivery.resourceId, delivery.payload, context?.signal);
    } catch (error) {
      if (error instanceof Error && PERMANENT.has(error.name)) {
        throw new PermanentDeliveryError(`${delivery.topic.split('.')[0]} ${delivery.resourceId}: ${error.message}`, {
          cause: error,
        });
      }
      throw error;
    }
  };
}
