import type { MauticClient, SyncOrderOptions, WooOrder } from '@mautic-woo/sync';
import { type DeliveryProcessor, PermanentDeliveryError } from './queue';

/** The topics the default processor applies; the handler's default topic filter. */
export const ORDER_TOPICS: readonly string[] = ['order.created', 'order.updated'];

/** Errors no retry can fix: the order itself is wrong (e.g. no valid billing email). */
const PERMANENT = new Set(['MauticInvalidInputError']);

/**
 * topic → `client.syncOrder(order, syncOptions)`. A sync whose note or email failed throws, so the
 * queue retries it; the client's step record keeps a retry from repeating what already happened.
 */
export function createDeliveryProcessor(
  client: Pick<MauticClient, 'syncOrder'>,
  syncOptions: Omit<SyncOrderOptions, 'signal'> = {},
): DeliveryProcessor {
  return async (delivery, context) => {
    if (!ORDER_TOPICS.includes(delivery.topic)) {
      throw new PermanentDeliveryError(`no processor for topic ${delivery.topic}`);
    }
    let result: Awaited<ReturnType<MauticClient['syncOrder']>>;
    try {
      result = await client.syncOrder(delivery.payload as WooOrder, { ...syncOptions, signal: context?.signal });
    } catch (error) {
      if (error instanceof Error && PERMANENT.has(error.name)) {
        throw new PermanentDeliveryError(`order ${delivery.resourceId}: ${error.message}`, { cause: error });
      }
      throw error;
    }
    if (!result.ok) {
      const failed = result.steps.filter((step) => step.status === 'failed');
      throw new Error(`order ${delivery.resourceId}: ${failed.map((step) => step.step).join(', ')} failed`, {
        cause: failed[0]?.error,
      });
    }
  };
}
