import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMauticClient, type MauticClient } from '@mautic-woo/sync';
import { type RunResult, runProcess } from '@mautic-woo/testkit';

export type { RunResult };

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const tsxPath = join(packageDir, 'node_modules', '.bin', 'tsx');

/** A client for a mock: Prism and the scripted server check that credentials are sent, not what they are. */
export function mockClient(baseUrl: string): MauticClient {
  return createMauticClient({ baseUrl, auth: { type: 'basic', username: 'demo', password: 'demo-password' } });
}

/** Starts a process without blocking the event loop, so servers in this process can answer it. */
export function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 60_000,
): Promise<RunResult> {
  return runProcess(command, args, { cwd: packageDir, env, timeoutMs });
}
