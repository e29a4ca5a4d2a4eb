// Runs under Node 24 (miniflare needs Node 22+): loads the bundled worker into workerd with a local
// Cloudflare Queue and D1 database (schema from WORKER_SCHEMA), more bindings in WORKER_BINDINGS, sends it the requests in
// WORKER_REQUESTS (JSON) one after another, then, when WAIT_FOR_MAUTIC is set, waits until the fake
// Mautic answers GET /__settled (the test answers it once the queue's consumer reported, to
// POST /__consumed, that it is done with what the test waits for), prints `RESULT {json}` and exits.
import { readFileSync } from 'node:fs';
import { Miniflare } from 'miniflare';

const requests = JSON.parse(process.env.WORKER_REQUESTS);
const mf = new Miniflare({
  modules: true,
  scriptPath: process.env.WORKER_BUNDLE,
  compatibilityDate: '2026-07-01',
  bindings: {
    MAUTIC_URL: process.env.MAUTIC_URL,
    MAUTIC_USERNAME: 'api',
    MAUTIC_PASSWORD: 'smoke-password',
    WEBHOOK_SECRET: process.env.WEBHOOK_SECRET,
    QUEUE_RETRY_DELAY_SECONDS: '0',
    REPORT_CONSUMED_TO: `${process.env.MAUTIC_URL}/__consumed`,
    ...JSON.parse(process.env.WORKER_BINDINGS ?? '{}'),
  },
  queueProducers: { DELIVERIES: 'mautic-woo-deliveries' },
  // Deliver each message at once (Cloudflare's default batch wait is seconds).
  queueConsumers: { 'mautic-woo-deliveries': { maxBatchTimeout: 0, maxRetries: 3 } },
  d1Databases: { DELIVERY_DB: 'mautic-woo-deliveries' },
});
try {
  const db = await mf.getD1Database('DELIVERY_DB');
  await db.exec(readFileSync(process.env.WORKER_SCHEMA, 'utf8').trim());
  const answers = [];
  for (const { path, body, headers } of requests) {
    const raw = typeof body === 'string';
    const response = await mf.dispatchFetch(`http://worker.local${path}`, {
      method: 'POST',
      headers: raw ? headers : { 'content-type': 'application/json' },
      body: raw ? body : JSON.stringify(body),
    });
    answers.push({
      status: response.status,
      outcome: response.headers.get('x-mautic-woo-outcome'),
      body: await response.json(),
    });
  }
  // A bound for a consumer that never writes (a failing test), not a synchronisation.
  if (process.env.WAIT_FOR_MAUTIC)
    await fetch(`${process.env.MAUTIC_URL}/__settled`, { signal: AbortSignal.timeout(30_000) });
  console.log(`RESULT ${JSON.stringify({ ok: true, value: answers, tokens: [] })}`);
} finally {
  await mf.dispose();
}
