#!/usr/bin/env node
// The whole test suite, as `npm test` and CI run it. Every gate runs even when an earlier one
// failed, so one run reports everything; the last line sums every test and gate that ran.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'node_modules', '.bin');
const env = {
  ...process.env,
  PATH: [join(root, '.tools', 'node_modules', '.bin'), bin, process.env.PATH].join(delimiter),
  REDOCLY_TELEMETRY: 'off',
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
};
const packages = ['spec', 'sdk', 'sync', 'webhook', 'redis', 'examples', 'runtimes'];
const gates = [];

function run(name, command, args, options = {}) {
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
run('tests', 'turbo', ['run', 'test', '--continue', '--concurrency=2']);
// 4. The published tarballs install and import in a project outside the workspace.
run('packaging smoke test', process.execPath, [join(root, 'scripts', 'pack-smoke.mjs')]);
// 5. The published client on every runtime it promises: one line per runtime (see packages/runtimes).
run('runtimes', process.execPath, [join(root, 'scripts', 'runtimes.mjs')]);
// 6. Many processes, one Redis, a flaky Mautic: nothing lost, nothing twice (packages/examples/chaos).
run('chaos', process.execPath, [join(root, 'scripts', 'chaos.mjs')]);

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
for (const gate of gates) {
  if (gate.ok) passed++;
  else failed++;
  console.log(`  gate: ${gate.name.padEnd(22)} ${gate.ok ? 'passed' : 'FAILED'} ${gate.seconds.toFixed(1)}s`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && gates.every((g) => g.ok) ? 0 : 1);
