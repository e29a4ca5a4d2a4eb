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
const published = ['spec', 'sdk', 'sync'];
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
console.log('ok ' + FORMAT);
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
    `import * as sync from '@mautic-woo/sync';\nimport * as sdk from '@mautic-woo/sdk';\nimport * as spec from '@mautic-woo/spec';\nimport fs from 'node:fs';\nconst FORMAT = 'esm';\n${check}`,
  );
  writeFileSync(
    join(app, 'cjs.cjs'),
    `const sync = require('@mautic-woo/sync');\nconst sdk = require('@mautic-woo/sdk');\nconst spec = require('@mautic-woo/spec');\nconst fs = require('node:fs');\nconst FORMAT = 'cjs';\n${check}`,
  );
  execFileSync(process.execPath, ['esm.mjs'], { cwd: app, stdio: 'inherit' });
  execFileSync(process.execPath, ['cjs.cjs'], { cwd: app, stdio: 'inherit' });
} finally {
  rmSync(work, { recursive: true, force: true });
}
