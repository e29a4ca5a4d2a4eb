import { dirname, join } from 'node:path';
import type { FakeMauticServer } from '@mautic-woo/testkit';
import { build } from 'esbuild';
import { parseResult, runProcess, type ScenarioResult } from './run-scenario';
import { workerdHost } from './runtimes';

/** Bundles consumer/worker.mjs as Workers users do (esbuild, the `workerd` export condition first). */
export async function bundleWorker(consumerDir: string): Promise<string> {
  const outfile = join(consumerDir, 'dist', 'worker.js');
  await build({
    entryPoints: [join(consumerDir, 'worker.mjs')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    logLevel: 'error',
  });
  return outfile;
}

/** Sends each request to the bundled worker in workerd; the worker calls the fake Mautic. */
export async function runWorker(
  bundle: string,
  fake: FakeMauticServer,
  requests: Array<{ path: string; body: unknown }>,
): Promise<ScenarioResult> {
  const output = await runProcess(workerdHost.binary(), [join(import.meta.dirname, 'workerd-host.mjs')], {
    // workerd reads modules below its working directory.
    cwd: dirname(bundle),
    env: { WORKER_BUNDLE: bundle, MAUTIC_URL: fake.url, WORKER_REQUESTS: JSON.stringify(requests) },
  });
  return parseResult(output);
}
