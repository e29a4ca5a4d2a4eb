import type { Logger } from '@mautic-woo/sync';
import { readLimitedBody } from './body';
import { toDelivery } from './delivery';
import { resolveOptions, type WebhookHandlerOptions } from './options';
import { createDeliveryProcessor } from './processor';
import type { DeliveryProcessor, DeliveryQueue } from './queue';
import { bodyDigest, importSecret, signatureMatches } from './signature';

export type WebhookHandler = ((request: Request) => Promise<Response>) & {
  /** Resolves when every delivery accepted so far is synced or dead-lettered (tests, graceful shutdown). */
  whenIdle(): Promise<void>;
  /** Refuses new deliveries (503) and closes the queue the handler created; a queue you passed stays open. */
  close(): Promise<void>;
};

/** How the handler gets its queue when none is passed: the file queue on Node, an error on Workers. */
export type DefaultQueue = (options: { dir?: string; process: DeliveryProcessor; logger: Logger }) => DeliveryQueue;

/** What became of a request, in the `x-mautic-woo-outcome` header, for logs and tests. */
export type Outcome = 'accepted' | 'duplicate' | 'stale' | 'ignored' | 'ping' | 'rejected';

// WooCommerce pings a new webhook with this form body and no signature.
const PING = /^webhook_id=\d+$/;
const decoder = new TextDecoder();

function reply(status: number, outcome: Outcome, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-mautic-woo-outcome': outcome, ...headers },
  });
}

export function buildWebhookHandler(options: WebhookHandlerOptions, defaultQueue: DefaultQueue): WebhookHandler {
  const { secret, topics, maxBodyBytes, logger } = resolveOptions(options);
  const ownsQueue = !options.queue;
  const queue =
    options.queue ??
    defaultQueue({
      dir: options.queueDir,
      // resolveOptions made sure there is a client when there is no queue.
      process: createDeliveryProcessor(options.client as NonNullable<typeof options.client>, {
        ...options.syncOptions,
        ...(options.customerDirectory ? { customerDirectory: options.customerDirectory } : {}),
      }),
      logger,
    });
  let key: Promise<CryptoKey> | undefined;
  const inFlight = new Set<Promise<Response>>();
  let closed = false;

  const handle = async (request: Request): Promise<Response> => {
    if (request.method !== 'POST') return reply(405, 'rejected', { error: 'only POST is accepted' }, { allow: 'POST' });
    const body = await readLimitedBody(request, maxBodyBytes);
    if (body === null) return reply(413, 'rejected', { error: `body over ${maxBodyBytes} bytes` });
    const signature = request.headers.get('x-wc-webhook-signature');
    if (signature === null && body.byteLength < 64 && PING.test(decoder.decode(body).trim())) {
      return reply(200, 'ping', { ok: true, ping: true });
    }
    key ??= importSecret(secret);
    if (!(await signatureMatches(await key, body, signature))) {
      logger.warn('webhook: delivery refused, bad or missing signature');
      return reply(401, 'rejected', { error: 'bad or missing signature' });
    }
    const topic = request.headers.get('x-wc-webhook-topic') ?? '';
    if (!topics.has(topic)) {
      const reason = topic ? `topic ${topic} is not synced by this handler` : 'no X-WC-Webhook-Topic header';
      return reply(200, 'ignored', { ok: true, ignored: reason }, { 'x-mautic-woo-ignored': reason });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(decoder.decode(body));
    } catch {
      return reply(400, 'rejected', { error: 'body is not valid JSON' });
    }
    const id = request.headers.get('x-wc-webhook-delivery-id') || (await bodyDigest(body));
    const made = toDelivery(id, topic, payload, Date.now());
    if ('problem' in made) return reply(400, 'rejected', { error: made.problem });
    const { delivery } = made;
    const result = await queue.enqueue(delivery);
    logger.info(`webhook: delivery ${id} (${topic} ${delivery.resourceId}) ${result}`);
    if (result === 'accepted') return reply(202, 'accepted', { accepted: true, delivery: id });
    const reason =
      result === 'duplicate'
        ? `delivery ${id} was already accepted`
        : `${topic.split('.')[0]} ${delivery.resourceId} has a newer delivery already`;
    return reply(200, result, { ok: true, [result]: true, reason });
  };

  const handler = (request: Request): Promise<Response> => {
    if (closed) return Promise.resolve(reply(503, 'rejected', { error: 'shutting down' }, { 'retry-after': '10' }));
    const run = handle(request).catch((error: unknown) => {
      // A queue that cannot store (disk full, closed) must not answer 2xx: WooCommerce will resend.
      logger.error(`webhook: request failed: ${error instanceof Error ? error.name : 'error'}`);
      return reply(503, 'rejected', { error: 'could not store the delivery' }, { 'retry-after': '10' });
    });
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
    return run;
  };

  const settle = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  return Object.assign(handler, {
    async whenIdle() {
      await settle();
      await queue.whenIdle();
    },
    async close() {
      closed = true;
      await settle();
      if (ownsQueue) await queue.close();
    },
  });
}
