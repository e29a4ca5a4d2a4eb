// A Cloudflare Worker using the published @mautic-woo/sync, bundled with esbuild as Workers users
// bundle it. The runtime suite runs it in workerd (miniflare) against a local fake Mautic.
import { createMauticClient } from '@mautic-woo/sync';

const json = (value, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });

const described = (error) => ({ name: error?.name, message: error?.message, requestSent: error?.requestSent });

/**
 * Routes by path. HOOK for @mautic-woo/webhook: when the package lands, add
 *   '/woocommerce/webhook': (request, env, mautic) => createWebhookHandler({ mautic, secret: env.WEBHOOK_SECRET })(request)
 * here, and a test in test/workerd.test.ts that posts a signed delivery and asserts on the contact.
 */
const routes = {
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
    const mautic = createMauticClient({
      baseUrl: env.MAUTIC_URL,
      auth: { type: 'basic', username: env.MAUTIC_USERNAME, password: env.MAUTIC_PASSWORD },
      maxRetries: Number(url.searchParams.get('maxRetries') ?? 2),
      retryDelays: { baseDelayMs: 1, maxDelayMs: 5 },
    });
    try {
      return await route(request, env, mautic);
    } catch (error) {
      return json(described(error), 502);
    }
  },
};
