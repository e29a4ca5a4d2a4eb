#!/usr/bin/env node
// One-step set-up for a machine that has only Node 20+ and npm: installs the pinned pnpm into
// .tools/ (no global install, no corepack) and then the workspace's dependencies, Prism included.
// Runs again in well under a second once everything is in place.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmVersion = pkg.packageManager.replace(/^pnpm@/, '');
const toolsDir = join(root, '.tools');
// pnpm 12 ships as a native binary; its package links it into .bin.
const pnpmBin = join(toolsDir, 'node_modules', '.bin', 'pnpm');

function installedPnpmVersion() {
  const manifest = join(toolsDir, 'node_modules', 'pnpm', 'package.json');
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : null;
}

if (installedPnpmVersion() !== pnpmVersion) {
  console.log(`setup: installing pnpm ${pnpmVersion} into .tools/`);
  execFileSync(
    'npm',
    ['install', '--prefix', toolsDir, '--no-save', '--no-audit', '--no-fund', `pnpm@${pnpmVersion}`],
    { stdio: 'inherit', cwd: root },
  );
}

const marker = join(root, 'node_modules', '.modules.yaml');
const lock = join(root, 'pnpm-lock.yaml');
const needsInstall =
  !existsSync(marker) || !existsSync(lock) || readFileSync(marker, 'utf8').length === 0 || process.env.CI;
if (needsInstall) {
  const args = ['install', ...(process.env.CI ? ['--frozen-lockfile'] : [])];
  console.log(`setup: pnpm ${args.join(' ')}`);
  execFileSync(pnpmBin, args, { stdio: 'inherit', cwd: root });
}
