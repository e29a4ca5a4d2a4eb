import type { Logger } from '@mautic-woo/sync';
import { WebhookConfigError } from './config-error';
import type { CustomerDirectory } from './customer-directory';
import { type DeliveryClient, HANDLED_TOPICS, ORDER_TOPICS, type ProcessorOptions } from './processor';
import type { DeliveryQueue } from './queue';

export interface WebhookHandlerOptions {
  /** The secret set on the webhook in WooCommerce → Settings → Advanced → Webhooks. */
  secret: string;
  /** The Mautic client that syncs each order (required unless you pass your own `queue`). */
  client?: DeliveryClient;
  /**
   * Where accepted deliveries go. Default: the embedded file queue in `queueDir` (Node, Bun, Deno);
   * required on runtimes without a file system (Cloudflare Workers).
   */
  queue?: DeliveryQueue;
  /** The embedded queue's directory. Default `./.mautic-woo/queue` (from the working directory). */
  queueDir?: string;
  /** Topics to accept; others are answered 200 and ignored. Default `['order.created', 'order.updated']`. */
  topics?: readonly string[];
  /** Bodies over this size are refused with 413 while being read. Default 1 MB. */
  maxBodyBytes?: number;
  /** Options of `syncOrder` (note, emailOnStatus, tags, ...), and under `customer` those of `syncCustomer`. */
  syncOptions?: Omit<ProcessorOptions, 'customerDirectory'>;
  /**
   * Where `customer.deleted` finds the email of the customer it names (its body has only the id):
   * learnt from the customer's earlier deliveries. Default: in memory, this process only. Unused
   * when you pass a `queue` (its processor has its own).
   */
  customerDirectory?: CustomerDirectory;
  /** Receives one line per delivery: its id, topic and resource id, never an email or the secret. */
  logger?: Partial<Logger>;
}

export interface ResolvedOptions {
  secret: string;
  topics: ReadonlySet<string>;
  maxBodyBytes: number;
  logger: Logger;
}

/** Never throws, whatever the caller's logger does. */
export function quietLogger(logger: Partial<Logger> | undefined): Logger {
  const emit = (level: keyof Logger) => (message: string, meta?: Record<string, unknown>) => {
    try {
      logger?.[level]?.call(logger, message, meta);
    } catch {
      // A throwing logger must not turn an accepted delivery into an error.
    }
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export function resolveOptions(options: WebhookHandlerOptions): ResolvedOptions {
  if (typeof options?.secret !== 'string' || options.secret === '') {
    throw new WebhookConfigError('secret is required: the one set on the webhook in WooCommerce');
  }
  if (!options.queue && !options.client) {
    throw new WebhookConfigError('client is required (or pass a queue that has its own processor)');
  }
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new WebhookConfigError('maxBodyBytes must be a positive integer');
  }
  const topics = options.topics ?? ORDER_TOPICS;
  if (!Array.isArray(topics) || topics.length === 0 || topics.some((t) => typeof t !== 'string' || t === '')) {
    throw new WebhookConfigError('topics must be a non-empty list of WooCommerce topics, e.g. order.updated');
  }
  // Accepting a topic the default processor cannot apply would dead-letter every delivery of it.
  const unhandled = options.queue ? [] : topics.filter((topic) => !HANDLED_TOPICS.includes(topic));
  if (unhandled.length > 0) {
    throw new WebhookConfigError(
      `no processor for ${unhandled.join(', ')}: the default one applies ${HANDLED_TOPICS.join(', ')}; pass a queue with your own processor`,
    );
  }
  return { secret: options.secret, topics: new Set(topics), maxBodyBytes, logger: quietLogger(options.logger) };
}
