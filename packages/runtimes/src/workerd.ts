import { dirname, join } from 'node:path';
import type { FakeMauticServer } from '@mautic-woo/testkit';
import { build } from 'esbuild';
import { WEBHOOK_SECRET } from './deliveries';
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

/**
 * Resolves once the worker's queue consumer reports (POST /__consumed) that it acknowledged
 * `deliveryId`: synced, or skipped as already applied. What it retried is not done yet.
 */
export function acknowledged(fake: FakeMauticServer, deliveryId: string): Promise<void> {
  return new Promise((resolve) => {
    fake.server.route('POST', '/__consumed', (request) => {
      if ((request.body as { acked: string[] }).acked.includes(deliveryId)) resolve();
      return { json: { ok: true } };
    });
  });
}

/**
 * Sends each request to the bundled worker in workerd; the worker calls the fake Mautic. A string
 * body goes as is with its headers (a signed webhook delivery), any other as JSON. With `settled`,
 * the worker stays up until it resolves: the Cloudflare Queue's consumer runs after the answers.
 * `bindings` adds to the worker's env (e.g. MAUTIC_TIMEOUT_MS).
 */
export async function runWorker(
  bundle: string,
  fake: FakeMauticServer,
  requests: Array<{ path: string; body: unknown; headers?: Record<string, string> }>,
  { settled, bindings = {} }: { settled?: Promise<void>; bindings?: Record<string, string> } = {},
): Promise<ScenarioResult> {
  if (settled) {
    fake.server.route('GET', '/__settled', async () => {
      await settled;
      return { json: { settled: true } };
    });
  }
  const output = await runProcess(workerdHost.binary(), [join(import.meta.dirname, 'workerd-host.mjs')], {
    // workerd reads modules below its working directory.
    cwd: dirname(bundle),
    env: {
      WORKER_BUNDLE: bundle,
      WORKER_SCHEMA: join(dirname(bundle), '..', 'deliveries.sql'),
      WEBHOOK_SECRET,
      MAUTIC_URL: fake.url,
      WORKER_REQUESTS: JSON.stringify(requests),
      WORKER_BINDINGS: JSON.stringify(bindings),
      ...(settled ? { WAIT_FOR_MAUTIC: '1' } : {}),
    },
  });
  return parseResult(output);
}
