#!/usr/bin/env node
// Runs the pnpm that scripts/setup.mjs installed into .tools/, with that pnpm on PATH for the
// tools it starts (turbo runs each package's scripts through the package manager).
import { spawnSync } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binDir = join(root, '.tools', 'node_modules', '.bin');
const env = { ...process.env, PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}` };
const result = spawnSync(join(binDir, 'pnpm'), process.argv.slice(2), { stdio: 'inherit', env });
process.exit(result.status ?? 1);
