#!/usr/bin/env node
// Runs one test path N times in a row while CPU-bound processes compete for the cores, and prints
// each run's result and a final count. A suite that synchronises on events passes every run; one
// that races the clock fails here first.
//
//   node scripts/stress-test.mjs packages/sync test/faults [--runs 20] [--hogs 2]
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const [, value] = args.splice(index, 2);
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`--${name} needs a whole number, got ${value}`);
  return number;
};
const runs = option('runs', 20);
const hogCount = option('hogs', 2);
const [packageDir, ...testPaths] = args;
if (!packageDir || testPaths.length === 0) {
  console.error('usage: node scripts/stress-test.mjs <package dir> <test path>... [--runs 20] [--hogs 2]');
  process.exit(2);
}

// Busy loops, one process each: the load a CI machine shared with other jobs puts on a suite.
const hogs = Array.from({ length: hogCount }, () =>
  spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
);
const stopHogs = () => {
  for (const hog of hogs) if (hog.exitCode === null) hog.kill('SIGKILL');
};
process.on('exit', stopHogs);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopHogs();
    process.exit(130);
  });
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const stripAnsi = (text) => text.replace(ANSI, '');

function runOnce() {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(root, 'scripts', 'pnpm.mjs'), 'exec', 'vitest', 'run', ...testPaths], {
      cwd: resolve(root, packageDir),
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (code) => {
      const text = stripAnsi(output);
      const tests = /^\s*Tests\s+([^\n]+)/m.exec(text)?.[1]?.trim() ?? 'no summary';
      const failures = [...text.matchAll(/FAIL\s+([^\n]+)/g)].map((m) => m[1].trim());
      done({ ok: code === 0, seconds: (Date.now() - started) / 1000, tests, failures });
    });
  });
}

console.log(`${packageDir}: vitest run ${testPaths.join(' ')} × ${runs}, beside ${hogCount} CPU-bound processes`);
let passed = 0;
for (let i = 1; i <= runs; i++) {
  const result = await runOnce();
  if (result.ok) passed++;
  console.log(
    `run ${String(i).padStart(2)}/${runs}: ${result.ok ? 'passed' : 'FAILED'} in ${result.seconds.toFixed(1)} s (${result.tests})`,
  );
  for (const failure of result.failures) console.log(`         ${failure}`);
}
stopHogs();
console.log(`${passed} of ${runs} runs passed${passed === runs ? '' : `, ${runs - passed} failed`}`);
process.exitCode = passed === runs ? 0 : 1;
