import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunResult, runProcess } from '@mautic-woo/testkit';

export type { RunResult };

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The built executable, as npm installs it: the tests run what ships. */
export const binPath = join(packageDir, 'dist', 'bin.mjs');

/** Runs the CLI without blocking the event loop, so servers in this process can answer it. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<RunResult> {
  return runProcess(process.execPath, [binPath, ...args], { cwd: packageDir, env, timeoutMs });
}
