// Runs under Node 24 (miniflare needs Node 22+): loads the bundled worker into workerd, sends it
// the requests in WORKER_REQUESTS (JSON) one after another, prints `RESULT {json}` and exits.
import { Miniflare } from 'miniflare';

const requests = JSON.parse(process.env.WORKER_REQUESTS);
const mf = new Miniflare({
  modules: true,
  scriptPath: process.env.WORKER_BUNDLE,
  compatibilityDate: '2026-07-01',
  bindings: { MAUTIC_URL: process.env.MAUTIC_URL, MAUTIC_USERNAME: 'api', MAUTIC_PASSWORD: 'smoke-password' },
});
try {
  const answers = [];
  for (const { path, body } of requests) {
    const response = await mf.dispatchFetch(`http://worker.local${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    answers.push({ status: response.status, body: await response.json() });
  }
  console.log(`RESULT ${JSON.stringify({ ok: true, value: answers, tokens: [] })}`);
} finally {
  await mf.dispose();
}
