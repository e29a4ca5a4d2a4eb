import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { MauticClient, SyncOrderOptions, SyncOrderResult, WooOrder } from '@mautic-woo/sync';

/** What became of one delivered order, reported after the 202 has gone out. */
export type WebhookOutcome =
  | { ok: true; topic: string; deliveryId: string | null; orderId: number; result: SyncOrderResult }
  | { ok: false; topic: string; deliveryId: string | null; orderId: number; error: unknown; result?: SyncOrderResult };

export interface WebhookReceiverOptions {
  /** The secret set on the webhook in WooCommerce → Settings → Advanced → Webhooks. */
  secret: string;
  client: Pick<MauticClient, 'syncOrder'>;
  syncOptions?: Omit<SyncOrderOptions, 'signal'>;
  maxBodyBytes?: number;
  onResult?: (outcome: WebhookOutcome) => void | Promise<void>;
}

export interface WebhookReceiver extends Server {
  /** Resolves once every accepted delivery has been synced (for graceful shutdown and tests). */
  whenIdle(): Promise<void>;
}

const SYNCED_TOPICS = new Set(['order.created', 'order.updated']);
// WooCommerce pings a new webhook with this form body and no signature; nothing is synced for it.
const PING = /^webhook_id=\d+$/;

function reply(
  res: ServerResponse,
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** base64(HMAC-SHA256(raw body, secret)), compared in constant time. */
export function signatureMatches(rawBody: Buffer, secret: string, signature: string | null): boolean {
  if (signature === null) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(rawBody).digest('base64'));
  const given = Buffer.from(signature.trim());
  // timingSafeEqual throws on unequal lengths; the length of a valid signature is public anyway.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Reads the body up to `limit` bytes; resolves null (and stops reading) past it. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return resolve(null);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function isOrder(value: unknown): value is WooOrder {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && Number.isSafeInteger((value as WooOrder).id)
  );
}

/**
 * A `node:http` server for WooCommerce's order webhooks: checks the signature, answers 202 at once
 * (WooCommerce waits only a few seconds and retries, then disables a slow webhook) and syncs the
 * order after. Orders of one customer are synced one after another so two deliveries cannot both
 * create the contact.
 */
export function createWebhookReceiver(options: WebhookReceiverOptions): WebhookReceiver {
  if (typeof options.secret !== 'string' || options.secret === '') throw new Error('secret is required');
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const inFlight = new Set<Promise<void>>();
  const customerQueues = new Map<string, Promise<void>>();

  const report = async (outcome: WebhookOutcome) => {
    try {
      if (options.onResult) await options.onResult(outcome);
      else if (!outcome.ok) console.error(`webhook: order ${outcome.orderId} failed to sync: ${String(outcome.error)}`);
    } catch (error) {
      console.error(`webhook: onResult threw: ${String(error)}`);
    }
  };

  const sync = (order: WooOrder, topic: string, deliveryId: string | null) => {
    const key = order.billing?.email?.trim().toLowerCase() || `order:${order.id}`;
    const previous = customerQueues.get(key) ?? Promise.resolve();
    const run = previous.then(async () => {
      try {
        const result = await options.client.syncOrder(order, options.syncOptions);
        await report(
          result.ok
            ? { ok: true, topic, deliveryId, orderId: order.id, result }
            : {
                ok: false,
                topic,
                deliveryId,
                orderId: order.id,
                result,
                error: result.steps.find((s) => s.status === 'failed')?.error,
              },
        );
      } catch (error) {
        await report({ ok: false, topic, deliveryId, orderId: order.id, error });
      }
    });
    customerQueues.set(key, run);
    inFlight.add(run);
    void run.finally(() => {
      inFlight.delete(run);
      if (customerQueues.get(key) === run) customerQueues.delete(key);
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return reply(res, 405, { error: 'only POST is accepted' }, { allow: 'POST' });
    const body = await readBody(req, maxBodyBytes);
    if (body === null) {
      reply(res, 413, { error: `body over ${maxBodyBytes} bytes` }, { connection: 'close' });
      res.once('finish', () => req.destroy());
      return;
    }
    const signature = header(req, 'x-wc-webhook-signature');
    if (signature === null && PING.test(body.toString('utf8').trim())) return reply(res, 200, { ok: true, ping: true });
    if (!signatureMatches(body, options.secret, signature))
      return reply(res, 401, { error: 'bad or missing signature' });

    const topic = header(req, 'x-wc-webhook-topic') ?? '';
    if (!SYNCED_TOPICS.has(topic)) return reply(res, 200, { ok: true, ignored: topic || '(no topic)' });
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return reply(res, 400, { error: 'body is not valid JSON' });
    }
    if (!isOrder(payload)) return reply(res, 400, { error: 'body is not a WooCommerce order' });
    reply(res, 202, { accepted: true, order: payload.id });
    sync(payload, topic, header(req, 'x-wc-webhook-delivery-id'));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error(`webhook: request failed: ${String(error)}`);
      reply(res, 500, { error: 'internal error' });
    });
  });
  return Object.assign(server, {
    async whenIdle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  });
}
