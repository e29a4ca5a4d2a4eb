// A Cloudflare Worker using the published @mautic-woo/sync and @mautic-woo/webhook, bundled with
// esbuild as Workers users bundle it. The runtime suite runs it in workerd (miniflare) against a
// local fake Mautic, with a local Cloudflare Queue (DELIVERIES) and D1 database (DELIVERY_DB).
import { createMauticClient } from '@mautic-woo/sync';
import { createDeliveryProcessor, createWebhookHandler } from '@mautic-woo/webhook';
import { createCloudflareQueue, createQueueConsumer } from './cloudflare-queue.mjs';
import { createD1StepLedger } from './d1-step-ledger.mjs';

const json = (value, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });

const described = (error) => ({ name: error?.name, message: error?.message, requestSent: error?.requestSent });

const mauticClient = (env, { maxRetries = 2, stepLedger } = {}) =>
  createMauticClient({
    baseUrl: env.MAUTIC_URL,
    auth: { type: 'basic', username: env.MAUTIC_USERNAME, password: env.MAUTIC_PASSWORD },
    maxRetries,
    retryDelays: { baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: env.MAUTIC_TIMEOUT_MS ? Number(env.MAUTIC_TIMEOUT_MS) : undefined,
    stepLedger,
  });

/** Routes by path. */
const routes = {
  /** WooCommerce's webhook: verified, deduplicated, on the Cloudflare Queue before the 202. */
  '/woocommerce'(request, env) {
    const queue = createCloudflareQueue({ queue: env.DELIVERIES, db: env.DELIVERY_DB });
    return createWebhookHandler({ secret: env.WEBHOOK_SECRET, queue })(request);
  },
  async '/contacts'(request, _env, mautic) {
    return json(await mautic.contacts.upsert(await request.json()));
  },
  /** A read, then a read that is reset: with `?maxRetries=0` the second must reach Mautic once. */
  async '/read-after-read'(request, _env, mautic) {
    const { contactId } = await request.json();
    await mautic.testConnection();
    return json(await mautic.contacts.get(contactId));
  },
  async '/orders'(request, _env, mautic) {
    const result = await mautic.syncOrder(await request.json(), { note: true });
    return json(result.steps.map((s) => ({ step: s.step, status: s.status, error: s.error && described(s.error) })));
  },
};

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const route = routes[url.pathname];
    if (!route) return json({ error: 'no such route' }, 404);
    const mautic = mauticClient(env, { maxRetries: Number(url.searchParams.get('maxRetries') ?? 2) });
    try {
      return await route(request, env, mautic);
    } catch (error) {
      return json(described(error), 502);
    }
  },
  /** The Cloudflare Queue's consumer: each accepted delivery synced to Mautic. */
  async queue(batch, env) {
    const client = mauticClient(env, { stepLedger: createD1StepLedger(env.DELIVERY_DB) });
    const process = createDeliveryProcessor(client, { note: true });
    // The suite retries at once; in production leave the default backoff.
    const delay = env.QUEUE_RETRY_DELAY_SECONDS;
    const retryDelaySeconds = delay === undefined ? undefined : () => Number(delay);
    const consumed = await createQueueConsumer({ db: env.DELIVERY_DB, process, retryDelaySeconds })(batch);
    // The suite's sync point: the test learns here that the consumer is done with a delivery.
    if (env.REPORT_CONSUMED_TO) await fetch(env.REPORT_CONSUMED_TO, { method: 'POST', body: JSON.stringify(consumed) });
  },
};
