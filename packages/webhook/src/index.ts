import { createFileQueue } from './file-queue';
import { buildWebhookHandler, type WebhookHandler } from './handler';
import type { WebhookHandlerOptions } from './options';

export {
  type Backoff,
  createFileQueue,
  DEFAULT_QUEUE_DIR,
  type DeadLetter,
  type FileQueue,
  FileQueueLockedError,
  type FileQueueOptions,
  type QueueCounts,
  readFileQueue,
} from './file-queue';
export { FileCustomerDirectory } from './file-queue/customer-directory';
export { FileErasureLog } from './file-queue/erasure-log';
export { FileStepLedger } from './file-queue/step-ledger';
export * from './public';

/**
 * A WooCommerce webhook endpoint on the fetch API: `(request: Request) => Promise<Response>`. Each
 * signed delivery is stored durably before the 202, then synced to Mautic by the queue. Without a
 * `queue`, the embedded file queue keeps its journal in `queueDir` (default `./.mautic-woo/queue`).
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  return buildWebhookHandler(options, ({ dir, process, logger }) => createFileQueue({ dir, process, logger }));
}
