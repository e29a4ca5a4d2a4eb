import type { DeliveryProcessor } from '@mautic-woo/webhook';

/** One line per synced delivery: its id, topic and order id, never the customer. */
export function logSynced(process: DeliveryProcessor, log: (line: string) => void): DeliveryProcessor {
  return async (delivery, context) => {
    await process(delivery, context);
    log(`synced delivery ${delivery.id} (${delivery.topic} ${delivery.resourceId})`);
  };
}
