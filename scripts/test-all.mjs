#!/usr/bin/env node
// The whole test suite, as `npm test` and CI run it. Every gate runs even when an earlier one
// failed, so one run reports everything; the last line sums every test and gate that ran.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { countResults, MATRIX_NODES, MATRIX_PACKAGES } from './test-node-versions.mjs';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'node_modules', '.bin');
const env = {
  ...process.env,
  PATH: [join(root, '.tools', 'node_modules', '.bin'), bin, process.env.PATH].join(delimiter),
  REDOCLY_TELEMETRY: 'off',
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
};
// Build tools (tsdown, redocly) announce that they are dropping Node 20; they run on the Node 24
// that tools/node-versions installs, when there is one. The test suites run on the node running
// this (Node 20 in CI), then on 22 and 24.
const node24 = MATRIX_NODES.find((node) => node.major === 24)?.bin;
const toolsEnv = node24 && existsSync(node24) ? { ...env, PATH: [dirname(node24), env.PATH].join(delimiter) } : env;
const packages = ['spec', 'sdk', 'sync', 'webhook', 'redis', 'cli', 'examples', 'runtimes'];
const gates = [];

function run(name, command, args, options = { env: toolsEnv }) {
  console.log(`\n── ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', ...options });
  const ok = result.status === 0;
  gates.push({ name, ok, seconds: (Date.now() - started) / 1000 });
  console.log(`── ${name}: ${ok ? 'passed' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  return ok;
}

for (const pkg of packages) rmSync(join(root, 'packages', pkg, '.test-results'), { recursive: true, force: true });

// 1. The committed SDK must be exactly what the spec generates.
run('sdk drift check', 'sh', [
  '-c',
  'turbo run generate --filter=@mautic-woo/sdk --output-logs=errors-only && git diff --exit-code --stat -- packages/sdk/src/generated && test -z "$(git status --porcelain -- packages/sdk/src/generated)"',
]);
// 2. Lint and format (generated code excluded in biome.json).
run('biome', 'biome', ['ci', '.']);
// 3. Build, types, package lint (redocly, publint, attw) and every package's vitest suite.
run('build', 'turbo', ['run', 'build', '--output-logs=errors-only']);
run('typecheck', 'turbo', ['run', 'typecheck', '--output-logs=errors-only']);
run('package lint', 'turbo', ['run', 'lint', '--output-logs=new-only']);
// new-only: a cached build's replayed log would bring back what an older build printed.
run('tests', 'turbo', ['run', 'test', '--continue', '--concurrency=2', '--output-logs=new-only'], { env });
run(`sdk, sync, cli on Node ${MATRIX_NODES.map((n) => n.major).join(', ')}`, process.execPath, [
  join(root, 'scripts', 'test-node-versions.mjs'),
]);
// 4. Every ts block of every README compiles against the built packages.
run('readme snippets', process.execPath, [join(root, 'scripts', 'readme-snippets.mjs')]);
// 5. The published tarballs, used from outside the workspace; each step is a gate of its own.
const packReport = join(root, '.test-results', 'pack-smoke.json');
rmSync(packReport, { force: true });
const packed = run(
  'packaging smoke test',
  process.execPath,
  [join(root, 'scripts', 'pack-smoke.mjs'), '--report', packReport],
  { env },
);
if (existsSync(packReport)) {
  gates.pop();
  for (const step of JSON.parse(readFileSync(packReport, 'utf8')))
    gates.push({ ...step, name: `packaging: ${step.name}` });
} else if (packed) {
  throw new Error('pack-smoke.mjs wrote no report');
}
// 6. The published client on every runtime it promises: one line per runtime (see packages/runtimes).
run('runtimes', process.execPath, [join(root, 'scripts', 'runtimes.mjs')], { env });
// 7. Many processes, one Redis, a flaky Mautic: nothing lost, nothing twice (packages/examples/chaos).
run('chaos', process.execPath, [join(root, 'scripts', 'chaos.mjs')], { env });

let passed = 0;
let failed = 0;
console.log('\nSummary');
for (const pkg of packages) {
  const file = join(root, 'packages', pkg, '.test-results', 'vitest.json');
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  // A file that fails to load has no tests; count it as a failure, or it would vanish.
  const brokenFiles = report.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  );
  passed += report.numPassedTests;
  failed += report.numFailedTests + brokenFiles.length;
  console.log(
    `  ${pkg.padEnd(10)} ${report.numPassedTests} passed, ${report.numFailedTests} failed${brokenFiles.length ? `, ${brokenFiles.length} files failed to load` : ''}`,
  );
}
// One line per Node version for the suites the matrix runs (this node's from the tests gate).
for (const [label, file] of [
  [`Node ${process.versions.node}`, 'vitest.json'],
  ...MATRIX_NODES.map((node) => [`Node ${node.major}`, `vitest-node${node.major}.json`]),
]) {
  const parts = MATRIX_PACKAGES.map((pkg) => {
    const counts = countResults(join(root, 'packages', pkg, '.test-results', file));
    return counts ? `${pkg} ${counts.passed}/${counts.passed + counts.failed}` : `${pkg} not run`;
  });
  console.log(`  ${label.padEnd(14)} ${parts.join(', ')}`);
}
for (const gate of gates) {
  if (gate.ok) passed++;
  else failed++;
  console.log(`  gate: ${gate.name.padEnd(40)} ${gate.ok ? 'passed' : 'FAILED'} ${gate.seconds.toFixed(1)}s`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && gates.every((g) => g.ok) ? 0 : 1);
