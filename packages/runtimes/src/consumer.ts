import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A user's project outside the workspace: the packed (as published) @mautic-woo/spec, sdk, sync and
 * webhook installed with npm, plus the scenario script and a deno.json. Every runtime
 * imports the package from here, as its users do; workspace links would hide packaging faults
 * (Deno reads a symlinked package as local code and refuses its bare imports).
 */

const root = join(import.meta.dirname, '..', '..', '..');
const pnpm = join(root, '.tools', 'node_modules', '.bin', 'pnpm');
// sync reads its field definitions from @mautic-woo/spec/fields; webhook depends on sync.
const PUBLISHED = ['spec', 'sdk', 'sync', 'webhook'];

export interface Consumer {
  dir: string;
  remove(): void;
}

export function createConsumer(): Consumer {
  const work = mkdtempSync(join(tmpdir(), 'mautic-woo-runtimes-'));
  const tarballs = join(work, 'tarballs');
  const dir = join(work, 'app');
  mkdirSync(tarballs);
  mkdirSync(dir);
  for (const pkg of PUBLISHED) {
    execFileSync(pnpm, ['pack', '--pack-destination', tarballs], { cwd: join(root, 'packages', pkg), stdio: 'pipe' });
  }
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'runtime-smoke-app', private: true, type: 'module' }),
  );
  const files = readdirSync(tarballs).map((file) => join(tarballs, file));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...files], {
    cwd: dir,
    stdio: 'pipe',
  });
  cpSync(join(import.meta.dirname, '..', 'consumer'), dir, { recursive: true });
  return { dir, remove: () => rmSync(work, { recursive: true, force: true }) };
}
