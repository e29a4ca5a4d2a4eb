// The programs scripts/pack-smoke.mjs writes into its consumer project.

/** Runtime checks shared by the .mjs and .cjs consumers (sync, woo, sdk, spec, fs and FORMAT in scope). */
export const runtimeCheck = `
const assert = (ok, what) => { if (!ok) { console.error('FAIL ' + what); process.exit(1); } };
assert(typeof sync.createMauticClient === 'function', 'sync.createMauticClient');
assert(new sync.MauticAuthError({ status: 401, method: 'GET', url: 'https://m.example.com/api/contacts' }) instanceof sync.MauticError, 'error classes');
assert(woo.mauticRegionName('US', 'CA') === 'California', 'geo data (@mautic-woo/sync/woo)');
assert(spec.operationIds.length === 19, 'spec.operationIds');
for (const op of spec.operationIds) assert(typeof sdk[op] === 'function', 'sdk.' + op);
assert(typeof sdk.createClient === 'function' && typeof sdk.createConfig === 'function', 'sdk.createClient');
assert(fs.existsSync(spec.specPath), 'spec.specPath exists: ' + spec.specPath);
assert(spec.loadSpec().openapi.startsWith('3.1'), 'spec.loadSpec');
let refused = false;
try { sync.createMauticClient({ baseUrl: 'not a url', auth: { type: 'basic', username: 'u', password: 'p' } }); }
catch (e) { refused = e instanceof sync.MauticInvalidInputError; }
assert(refused, 'invalid baseUrl refused with MauticInvalidInputError');
`;

/** The webhook handler and the Redis package, from the tarballs; prints `ok <FORMAT>` when done. */
export const servicesCheck = `
assert(typeof webhook.toNodeListener === 'function' && typeof webhook.createFileQueue === 'function', 'webhook exports');
for (const name of ['RedisTokenStore', 'RedisStepLedger', 'RedisKeyedSerializer', 'createRedisQueue', 'createRedisWorker']) {
  assert(typeof redis[name] === 'function', 'redis.' + name);
}
const queueDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smoke-queue-'));
const handler = webhook.createWebhookHandler({ secret: 's', client: { syncOrder: async () => ({ ok: true }) }, queueDir });
// Lazy connection: nothing is listening, and constructing must neither throw nor connect.
const ledger = new redis.RedisStepLedger({ connection: { port: 1, lazyConnect: true } });
Promise.all([
  handler(new Request('http://localhost/', { method: 'POST', body: 'webhook_id=1' })).then(async (response) => {
    assert(response.status === 200, 'webhook answers a ping');
    await handler.close();
    assert(fs.existsSync(path.join(queueDir, 'journal.ndjson')), 'webhook file queue journal');
    fs.rmSync(queueDir, { recursive: true, force: true });
  }),
  ledger
    .claim({ orderId: 0, status: 'x', step: 'email' }, { ttlMs: 1 })
    .then(
      () => assert(false, 'redis: a claim for order 0 must be refused'),
      (e) => assert(e instanceof redis.RedisInputError, 'redis input refused with RedisInputError'),
    )
    .finally(() => ledger.close()),
])
  .then(() => console.log('ok ' + FORMAT))
  .catch((error) => assert(false, String(error)));
`;

/** A TypeScript user of every published package, written as the READMEs show. */
export const consumerSource = `import { mauticTargetFromEnv } from '@mautic-woo/cli';
import { createClient } from '@mautic-woo/sdk';
import { loadSpec, operationIds } from '@mautic-woo/spec';
import { createMauticClient, MauticError, type WooOrder } from '@mautic-woo/sync';

declare const order: WooOrder;

export async function run(): Promise<void> {
  const mautic = createMauticClient({
    baseUrl: 'https://mautic.example.com',
    auth: { type: 'basic', username: 'api', password: 'secret' },
  });
  await mautic.testConnection();
  const result = await mautic.syncOrder(order, { note: true, emailOnStatus: { completed: 12 } });
  for (const step of result.steps) if (step.status === 'failed') console.log(step.step);
  await mautic.syncAbandonedCart({
    email: 'jane@example.com',
    items: [{ name: 'Mug', quantity: 1, total: '9.00' }],
    total: '9.00',
    currency: 'EUR',
    recoveryUrl: 'https://shop.example.com/cart/?recover=1',
  });
  await mautic.markCartRecovered('jane@example.com');
  try {
    await mautic.syncOrders([order], { concurrency: 2 });
  } catch (error) {
    if (error instanceof MauticError) console.log(error.message);
  }
  const found = await mautic.contacts.findByEmail('jane@example.com');
  if (found) await mautic.contacts.update(found.id, { firstname: 'Jane' });
  await mautic.contacts.upsert({ email: 'jane@example.com', tags: ['vip'] });
  await mautic.fields.ensure();
  await mautic.tags.ensure(['vip']);
  await mautic.segments.addContact(1, 2);
  const sdk = createClient({ baseUrl: 'https://mautic.example.com/api' });
  console.log(sdk, loadSpec().openapi, operationIds.length, mauticTargetFromEnv({}));
}
`;

/**
 * Mistakes the published types must reject: every line under a \`@ts-expect-error\` has to be an
 * error, or the compile fails ("Unused '@ts-expect-error' directive").
 */
export const mistakesSource = `import { createMauticClient, type WooOrder } from '@mautic-woo/sync';

declare const order: WooOrder;
const mautic = createMauticClient({
  baseUrl: 'https://mautic.example.com',
  auth: { type: 'basic', username: 'api', password: 'secret' },
});

export async function mistakes(): Promise<void> {
  // @ts-expect-error a misspelt WooCommerce status is not a key of emailOnStatus
  await mautic.syncOrder(order, { emailOnStatus: { complted: 12 } });
  await mautic.syncAbandonedCart({
    // @ts-expect-error a misspelt cart field
    emial: 'jane@example.com',
    items: [],
    total: '0.00',
    currency: 'EUR',
    recoveryUrl: 'https://shop.example.com/cart/?recover=1',
  });
  // @ts-expect-error a number is not a cart
  await mautic.syncAbandonedCart(42);
}
`;
