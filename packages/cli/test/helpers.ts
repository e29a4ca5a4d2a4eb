import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The built executable, as npm installs it: the tests run what ships. */
export const binPath = join(packageDir, 'dist', 'bin.mjs');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const MAUTIC_VARS = ['MAUTIC_URL', 'MAUTIC_USERNAME', 'MAUTIC_PASSWORD', 'MAUTIC_CLIENT_ID', 'MAUTIC_CLIENT_SECRET'];

/** Runs the CLI without blocking the event loop, so servers in this process can answer it. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const base: NodeJS.ProcessEnv = { ...process.env };
    for (const name of MAUTIC_VARS) delete base[name];
    const child = spawn(process.execPath, [binPath, ...args], {
      cwd: packageDir,
      env: { ...base, NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
