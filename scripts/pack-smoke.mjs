#!/usr/bin/env node
// Packaging smoke test: pack each published package as npm would publish it, then use the tarballs
// the way people will, outside the workspace: install and import them from .mjs and .cjs, run the
// CLI through npx and from a global install, and compile a strict TypeScript consumer against them.
// Catches what workspace links hide: missing files, wrong exports, workspace: ranges or private
// packages left in a package.json, declarations that need more than the consumer has.
//
// Each step prints one line; `--report <file>` also writes them as JSON (scripts/test-all.mjs shows
// each as its own gate). Exit code 1 when any step failed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { strictConsumerOptions } from './consumer-tsconfig.mjs';
import { consumerSource, mistakesSource, runtimeCheck, servicesCheck } from './pack-smoke-files.mjs';

const root = join(import.meta.dirname, '..');
const pnpm = join(root, '.tools', 'node_modules', '.bin', 'pnpm');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const published = ['spec', 'sdk', 'sync', 'webhook', 'redis', 'cli'];
const manifests = readdirSync(join(root, 'packages')).map((dir) =>
  JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
);
const privateNames = manifests.filter((pkg) => pkg.private).map((pkg) => pkg.name);
const version = (dir) => JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')).version;
const reportIndex = process.argv.indexOf('--report');
const reportPath = reportIndex > 0 ? process.argv[reportIndex + 1] : null;

const results = [];
function step(name, action) {
  const started = Date.now();
  try {
    action();
    results.push({ name, ok: true, seconds: (Date.now() - started) / 1000 });
    console.log(`ok      ${name}`);
  } catch (error) {
    results.push({ name, ok: false, seconds: (Date.now() - started) / 1000 });
    console.log(`FAILED  ${name}\n${String(error.stdout ?? '')}${String(error.stderr ?? '')}${error.message}`);
  }
}

/** Runs a command; throws with its output when it fails. */
function run(command, args, cwd, env = process.env) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) {
    throw Object.assign(new Error(`${command} ${args.join(' ')} exited ${result.status}`), result);
  }
  return result.stdout;
}

const work = mkdtempSync(join(tmpdir(), 'mautic-woo-pack-'));
try {
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  const tarball = {};
  for (const pkg of published) {
    execFileSync(pnpm, ['pack', '--pack-destination', tarballs], { cwd: join(root, 'packages', pkg), stdio: 'pipe' });
    tarball[pkg] = join(tarballs, `mautic-woo-${pkg}-${version(pkg)}.tgz`);
  }
  console.log(`packed: ${readdirSync(tarballs).join(', ')}`);

  // LICENSE, README and dist in each; no private workspace package or workspace: range named.
  step('tarball contents', () => {
    for (const pkg of published) {
      const files = run('tar', ['-tzf', tarball[pkg]], work).split('\n');
      for (const required of ['package/LICENSE', 'package/README.md', 'package/package.json']) {
        if (!files.includes(required)) throw new Error(`${pkg}: no ${required} in the tarball`);
      }
      if (!files.some((file) => file.startsWith('package/dist/'))) throw new Error(`${pkg}: no dist/ in the tarball`);
      const manifest = run('tar', ['-xzOf', tarball[pkg], 'package/package.json'], work);
      for (const name of privateNames) {
        if (manifest.includes(`"${name}"`)) throw new Error(`${pkg}: its package.json names ${name}, which is private`);
      }
      if (manifest.includes('workspace:')) throw new Error(`${pkg}: its package.json has a workspace: range`);
      // What users install: spec and sdk are compiled into it (packages/sync/README.md).
      if (pkg === 'sync' && Object.keys(JSON.parse(manifest).dependencies ?? {}).length > 0) {
        throw new Error('sync: its package.json has dependencies; it is meant to install nothing else');
      }
    }
  });

  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'smoke-app', private: true, version: '1.0.0' }));
  const typesNode = JSON.parse(readFileSync(join(root, 'node_modules', '@types', 'node', 'package.json'), 'utf8'));
  step('npm install of the tarballs', () => {
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        ...Object.values(tarball),
        `@types/node@${typesNode.version}`,
      ],
      app,
    );
  });

  step('import from .mjs and .cjs', () => {
    writeFileSync(
      join(app, 'esm.mjs'),
      `import * as sync from '@mautic-woo/sync';\nimport * as woo from '@mautic-woo/sync/woo';\nimport * as sdk from '@mautic-woo/sdk';\nimport * as spec from '@mautic-woo/spec';\nimport * as webhook from '@mautic-woo/webhook';\nimport * as redis from '@mautic-woo/redis';\nimport * as cli from '@mautic-woo/cli';\nimport fs from 'node:fs';\nimport os from 'node:os';\nimport path from 'node:path';\nconst FORMAT = 'esm';\n${runtimeCheck}\nassert(typeof cli.main === 'function', 'cli.main');\n${servicesCheck}\n`,
    );
    writeFileSync(
      join(app, 'cjs.cjs'),
      `const sync = require('@mautic-woo/sync');\nconst woo = require('@mautic-woo/sync/woo');\nconst sdk = require('@mautic-woo/sdk');\nconst spec = require('@mautic-woo/spec');\nconst webhook = require('@mautic-woo/webhook');\nconst redis = require('@mautic-woo/redis');\nconst fs = require('node:fs');\nconst os = require('node:os');\nconst path = require('node:path');\nconst FORMAT = 'cjs';\n${runtimeCheck}\n${servicesCheck}\n`,
    );
    run(process.execPath, ['esm.mjs'], app);
    run(process.execPath, ['cjs.cjs'], app);
  });

  step('npx mautic-woo --version', () => {
    const printed = run('npx', ['--no-install', 'mautic-woo', '--version'], app).trim();
    if (printed !== version('cli')) throw new Error(`printed ${JSON.stringify(printed)}, expected ${version('cli')}`);
  });

  // skipLibCheck false: the published declarations must compile as they are, with no DOM lib and no undici.
  const strict = { ...strictConsumerOptions, skipLibCheck: false };
  writeFileSync(join(app, 'consumer.mts'), consumerSource);
  writeFileSync(join(app, 'mistakes.mts'), mistakesSource);
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: strict, files: ['consumer.mts'] }));
  writeFileSync(
    join(app, 'tsconfig.mistakes.json'),
    JSON.stringify({ compilerOptions: strict, files: ['mistakes.mts'] }),
  );
  step('strict consumer compiles (no DOM lib, no undici)', () => {
    run(process.execPath, [tsc, '-p', 'tsconfig.json'], app);
  });
  // A misspelt status key, a misspelt cart field, a number as a cart: each must be a type error.
  step('strict consumer rejects the mistakes', () => {
    run(process.execPath, [tsc, '-p', 'tsconfig.mistakes.json'], app);
  });

  step('npm i -g of the cli, then mautic-woo --help', () => {
    const prefix = join(work, 'global');
    // Until the cli's workspace dependencies are on npm, their tarballs go in with the cli's.
    run(
      'npm',
      [
        'install',
        '--global',
        '--prefix',
        prefix,
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        tarball.cli,
        tarball.sync,
        tarball.sdk,
        tarball.spec,
        tarball.webhook,
        tarball.redis,
      ],
      work,
    );
    const help = run(join(prefix, 'bin', 'mautic-woo'), ['--help'], work);
    if (!help.includes('Usage: mautic-woo <command>')) throw new Error(`unexpected --help output:\n${help}`);
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (reportPath) {
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileSync(reportPath, JSON.stringify(results, null, 2));
}
const failed = results.filter((r) => !r.ok).length;
console.log(`packaging: ${results.length - failed} steps passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
