// The published @mautic-woo/webhook as its users serve it, on whichever runtime started this:
// `Bun.serve` on Bun, `Deno.serve` on Deno, node:http through `toNodeListener` on Node. The handler
// keeps its default embedded file queue (`./.mautic-woo/queue` under the working directory). The fake
// Mautic at MAUTIC_URL serves the plan: the webhook secret, the client's options and the signed
// requests, which are posted to the server over HTTP one after another. Then `whenIdle()` waits for
// the queue to sync what it accepted; the answer is one `RESULT {json}` line.
import { createMauticClient } from '@mautic-woo/sync';
import { createWebhookHandler, toNodeListener } from '@mautic-woo/webhook';

const env = (name) => (globalThis.Deno ? globalThis.Deno.env.get(name) : globalThis.process.env[name]);
const baseUrl = env('MAUTIC_URL');

/** Starts the runtime's own HTTP server on a free loopback port. */
async function serve(handler) {
  if (globalThis.Bun) {
    const server = globalThis.Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: handler });
    return { port: server.port, stop: () => server.stop(true) };
  }
  if (globalThis.Deno) {
    const server = globalThis.Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, handler);
    return { port: server.addr.port, stop: () => server.shutdown() };
  }
  const { createServer } = await import('node:http');
  const server = createServer(toNodeListener(handler));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

const plan = await (await fetch(`${baseUrl}/__plan`)).json();
const client = createMauticClient({ ...plan.options, baseUrl });
const handler = createWebhookHandler({ secret: plan.secret, client, syncOptions: plan.syncOptions });
const server = await serve(handler);
let result;
try {
  const answers = [];
  for (const { body, headers } of plan.requests) {
    const response = await fetch(`http://127.0.0.1:${server.port}/woocommerce`, { method: 'POST', body, headers });
    answers.push({ status: response.status, outcome: response.headers.get('x-mautic-woo-outcome') });
    await response.body?.cancel();
  }
  await handler.whenIdle();
  result = { ok: true, value: answers, tokens: [] };
} catch (error) {
  result = { ok: false, error: { name: error?.name, message: error?.message }, tokens: [] };
} finally {
  await server.stop();
  await handler.close();
}
console.log(`RESULT ${JSON.stringify(result)}`);
