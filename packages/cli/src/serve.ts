import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createRedisQueue } from '@mautic-woo/redis';
import type { SyncOrderOptions } from '@mautic-woo/sync';
import { createMauticClient } from '@mautic-woo/sync';
import {
  CUSTOMER_TOPICS,
  createDeliveryProcessor,
  createFileQueue,
  createWebhookHandler,
  DEFAULT_QUEUE_DIR,
  FileCustomerDirectory,
  FileErasureLog,
  FileStepLedger,
  ORDER_TOPICS,
  toNodeListener,
  type WebhookHandler,
} from '@mautic-woo/webhook';
import { logSynced } from './delivery-log';
import { ConfigError, type MauticTarget } from './env-config';

export interface ServeOptions {
  secret: string;
  host: string;
  port: number;
  /** Distributed mode: the handler only enqueues; `mautic-woo worker` processes sync. */
  redisUrl?: string | undefined;
  prefix?: string | undefined;
  /** Embedded mode: where the journal lives, and the Mautic it syncs to. */
  queueDir?: string | undefined;
  target?: MauticTarget | null;
  syncOptions?: Omit<SyncOrderOptions, 'signal'>;
  /** Embedded mode: one line per synced delivery (no customer in it). */
  log?: (line: string) => void;
  /** Also accept `customer.created`, `customer.updated` and `customer.deleted` (erasure). */
  customers?: boolean;
}

export interface RunningServe {
  url: string;
  handler: WebhookHandler;
  /** Stops taking connections, lets accepted deliveries be stored, closes the queue. */
  close(): Promise<void>;
}

/** The WooCommerce webhook endpoint on node:http: embedded file queue, or Redis with `redisUrl`. */
export async function startServe(options: ServeOptions): Promise<RunningServe> {
  const log = options.log ?? (() => {});
  let handler: WebhookHandler;
  let closeQueue = async () => {};
  const topics = options.customers ? [...ORDER_TOPICS, ...CUSTOMER_TOPICS] : ORDER_TOPICS;
  if (options.redisUrl) {
    const queue = createRedisQueue({ connection: options.redisUrl, prefix: options.prefix });
    handler = createWebhookHandler({ secret: options.secret, queue, topics, logger: console });
    closeQueue = () => queue.close();
  } else {
    if (!options.target) {
      throw new ConfigError('serve without --redis syncs itself: set MAUTIC_URL and credentials (or pass --redis)');
    }
    const queueDir = options.queueDir ?? DEFAULT_QUEUE_DIR;
    // Beside the journal, as the journal replays deliveries after a restart: a note sent just before
    // a crash is not sent again, and a customer erased before it is not brought back by an older order.
    const stepLedger = new FileStepLedger(join(queueDir, 'steps.ndjson'));
    const erasures = new FileErasureLog(join(queueDir, 'erasures.ndjson'));
    const { baseUrl, auth } = options.target;
    const client = createMauticClient({ baseUrl, auth, stepLedger, erasures });
    // customer.deleted carries only the id: the email learnt before a restart must still be there.
    const customerDirectory = new FileCustomerDirectory(join(queueDir, 'customers.ndjson'));
    const sync = createDeliveryProcessor(client, { ...options.syncOptions, customerDirectory });
    const queue = createFileQueue({ dir: queueDir, process: logSynced(sync, log), logger: console });
    handler = createWebhookHandler({ secret: options.secret, queue, topics, logger: console });
    closeQueue = async () => {
      await queue.close();
      await Promise.all([stepLedger.close(), erasures.close(), customerDirectory.close()]);
    };
  }
  const server: Server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/`,
    handler,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await handler.close();
      await closeQueue();
    },
  };
}
