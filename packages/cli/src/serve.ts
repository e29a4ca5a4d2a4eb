import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRedisQueue } from '@mautic-woo/redis';
import type { SyncOrderOptions } from '@mautic-woo/sync';
import { createMauticClient } from '@mautic-woo/sync';
import { createWebhookHandler, DEFAULT_QUEUE_DIR, toNodeListener, type WebhookHandler } from '@mautic-woo/webhook';
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
}

export interface RunningServe {
  url: string;
  handler: WebhookHandler;
  /** Stops taking connections, lets accepted deliveries be stored, closes the queue. */
  close(): Promise<void>;
}

/** The WooCommerce webhook endpoint on node:http: embedded file queue, or Redis with `redisUrl`. */
export async function startServe(options: ServeOptions): Promise<RunningServe> {
  let handler: WebhookHandler;
  let closeQueue = async () => {};
  if (options.redisUrl) {
    const queue = createRedisQueue({ connection: options.redisUrl, prefix: options.prefix });
    handler = createWebhookHandler({ secret: options.secret, queue, logger: console });
    closeQueue = () => queue.close();
  } else {
    if (!options.target) {
      throw new ConfigError('serve without --redis syncs itself: set MAUTIC_URL and credentials (or pass --redis)');
    }
    const client = createMauticClient({ baseUrl: options.target.baseUrl, auth: options.target.auth });
    handler = createWebhookHandler({
      secret: options.secret,
      client,
      queueDir: options.queueDir ?? DEFAULT_QUEUE_DIR,
      syncOptions: options.syncOptions,
      logger: console,
    });
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
