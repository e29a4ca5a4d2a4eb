#!/usr/bin/env node
// The runtime smoke suite (packages/runtimes) as one gate: builds the published packages, runs the
// suite on Node 20/22/24, Bun, Deno and workerd, and prints one line per runtime. Exits non-zero
// when any runtime failed or reported no test.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { root, toolEnv } from './tool-env.mjs';

const suite = join(root, 'packages', 'runtimes');
const report = join(suite, '.test-results', 'vitest.json');
const RUNTIMES = ['node20', 'node22', 'node24', 'bun', 'deno', 'workerd'];
const env = toolEnv;

const built = spawnSync(
  'turbo',
  ['run', 'build', '--filter=@mautic-woo/sync', '--filter=@mautic-woo/webhook', '--output-logs=errors-only'],
  {
    cwd: root,
    env,
    stdio: 'inherit',
  },
);
if (built.status !== 0) {
  console.log('runtimes: the build failed');
  process.exit(1);
}

rmSync(report, { force: true });
// The host Node (Node 20 in CI) runs vitest; the suite starts each runtime itself.
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(process.execPath, [vitest, 'run'], {
  cwd: suite,
  env,
  stdio: 'inherit',
  // Bounded: a hung runtime must not hold CI. The suite takes well under a minute when idle.
  timeout: 5 * 60_000,
  killSignal: 'SIGKILL',
});
if (run.error) console.log(`runtimes: vitest did not finish: ${run.error.message}`);

const results = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')).testResults : [];
let allGreen = run.status === 0;
for (const runtime of RUNTIMES) {
  const files = results.filter((file) => basename(file.name, '.test.ts') === runtime);
  const tests = files.flatMap((file) => file.assertionResults);
  const passed = tests.filter((t) => t.status === 'passed').length;
  // A file that failed to load has no tests; it counts as one failure.
  const failed =
    tests.filter((t) => t.status === 'failed').length + files.filter((f) => f.assertionResults.length === 0).length;
  const missing = files.length === 0;
  if (failed > 0 || passed === 0) allGreen = false;
  console.log(
    `runtime ${runtime}: ${passed} passed, ${failed + (missing ? 1 : 0)} failed${missing ? ' (no results)' : ''}`,
  );
}
process.exit(allGreen ? 0 : 1);
