#!/usr/bin/env node
// `npm run chaos`: builds the packages, then runs the multi-process chaos run of
// packages/examples/chaos (2 webhook handlers, 3 workers, one redis-server, a fake Mautic with
// expiring OAuth2 tokens and an outage, a worker killed with SIGKILL). Exits with its code; its
// last line is the verdict.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root, toolEnv } from './tool-env.mjs';

const env = toolEnv;
const build = spawnSync('turbo', ['run', 'build', '--output-logs=errors-only'], { cwd: root, env, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const examples = join(root, 'packages', 'examples');
const chaos = spawnSync(join(examples, 'node_modules', '.bin', 'tsx'), ['chaos/run.ts'], {
  cwd: examples,
  env,
  stdio: 'inherit',
  timeout: 180_000,
  killSignal: 'SIGKILL',
});
if (chaos.error) console.error(`chaos: ${chaos.error.message}`);
process.exit(chaos.status ?? 1);
