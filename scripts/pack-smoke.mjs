#!/usr/bin/env node
// Packaging smoke test: pack each published package as npm would publish it, install the tarballs
// with npm into an empty project outside the workspace, then import them from .mjs and .cjs.
// Catches what workspace links hide: missing files, wrong exports, workspace: ranges left in.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const pnpm = join(root, '.tools', 'node_modules', '.bin', 'pnpm');
const published = ['spec', 'sdk', 'sync', 'webhook', 'redis'];
const work = mkdtempSync(join(tmpdir(), 'mautic-woo-pack-'));

const check = `
const assert = (ok, what) => { if (!ok) { console.error('FAIL ' + what); process.exit(1); } };
assert(typeof sync.createMauticClient === 'function', 'sync.createMauticClient');
assert(new sync.MauticAuthError({ status: 401, method: 'GET', url: 'https://m.example.com/api/contacts' }) instanceof sync.MauticError, 'error classes');
assert(sync.mauticRegionName('US', 'CA') === 'California', 'geo data');
assert(spec.operationIds.length === 19, 'spec.operationIds');
for (const op of spec.operationIds) assert(typeof sdk[op] === 'function', 'sdk.' + op);
assert(typeof sdk.createClient === 'function' && typeof sdk.createConfig === 'function', 'sdk.createClient');
assert(fs.existsSync(spec.specPath), 'spec.specPath exists: ' + spec.specPath);
assert(spec.loadSpec().openapi.startsWith('3.1'), 'spec.loadSpec');
let refused = false;
try { sync.createMauticClient({ baseUrl: 'not a url', auth: { type: 'basic', username: 'u', password: 'p' } }); }
catch (e) { refused = e instanceof sync.MauticInvalidInputError; }
assert(refused, 'invalid baseUrl refused with MauticInvalidInputError');
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

try {
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  for (const pkg of published) {
    execFileSync(pnpm, ['pack', '--pack-destination', tarballs], { cwd: join(root, 'packages', pkg), stdio: 'pipe' });
  }
  const files = readdirSync(tarballs).map((file) => join(tarballs, file));
  console.log(`packed: ${readdirSync(tarballs).join(', ')}`);
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'smoke-app', private: true, version: '1.0.0' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files], {
    cwd: app,
    stdio: 'inherit',
  });
  writeFileSync(
    join(app, 'esm.mjs'),
    `import * as sync from '@mautic-woo/sync';\nimport * as sdk from '@mautic-woo/sdk';\nimport * as spec from '@mautic-woo/spec';\nimport * as webhook from '@mautic-woo/webhook';\nimport * as redis from '@mautic-woo/redis';\nimport fs from 'node:fs';\nimport os from 'node:os';\nimport path from 'node:path';\nconst FORMAT = 'esm';\n${check}`,
  );
  writeFileSync(
    join(app, 'cjs.cjs'),
    `const sync = require('@mautic-woo/sync');\nconst sdk = require('@mautic-woo/sdk');\nconst spec = require('@mautic-woo/spec');\nconst webhook = require('@mautic-woo/webhook');\nconst redis = require('@mautic-woo/redis');\nconst fs = require('node:fs');\nconst os = require('node:os');\nconst path = require('node:path');\nconst FORMAT = 'cjs';\n${check}`,
  );
  execFileSync(process.execPath, ['esm.mjs'], { cwd: app, stdio: 'inherit' });
  execFileSync(process.execPath, ['cjs.cjs'], { cwd: app, stdio: 'inherit' });
} finally {
  rmSync(work, { recursive: true, force: true });
}
