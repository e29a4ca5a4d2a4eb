// The build for runtimes without a file system (Cloudflare Workers, Vercel Edge): the same exports
// as index.ts, with no Node module in it. A queue has to be passed; the file queue explains why not.

import { WebhookConfigError } from './config-error';
import { buildWebhookHandler, type WebhookHandler } from './handler';
import type { WebhookHandlerOptions } from './options';

export * from './public';

const NO_FILES =
  'this runtime has no file system for the embedded queue: pass `queue` (a DeliveryQueue, e.g. on Redis or a Cloudflare Queue)';

export const DEFAULT_QUEUE_DIR = '.mautic-woo/queue';

export class FileQueueLockedError extends Error {
  override readonly name = 'FileQueueLockedError';
}

export class FileStepLedger {
  constructor() {
    throw new WebhookConfigError(NO_FILES);
  }
}

export class FileCustomerDirectory {
  constructor() {
    throw new WebhookConfigError(NO_FILES);
  }
}

export class FileErasureLog {
  constructor() {
    throw new WebhookConfigError(NO_FILES);
  }
}

export function createFileQueue(): never {
  throw new WebhookConfigError(NO_FILES);
}

export function readFileQueue(): never {
  throw new WebhookConfigError(NO_FILES);
}

export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  return buildWebhookHandler(options, () => {
    throw new WebhookConfigError(NO_FILES);
  });
}
