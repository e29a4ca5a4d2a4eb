import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMauticClient, type MauticClient } from '@mautic-woo/sync';

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const tsxPath = join(packageDir, 'node_modules', '.bin', 'tsx');

/** A client for a mock: Prism and the scripted server check that credentials are sent, not what they are. */
export function mockClient(baseUrl: string): MauticClient {
  return createMauticClient({ baseUrl, auth: { type: 'basic', username: 'demo', password: 'demo-password' } });
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts a process without blocking the event loop, so servers in this process can answer it. */
export function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 60_000,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const base: NodeJS.ProcessEnv = { ...process.env };
    for (const name of [
      'MAUTIC_URL',
      'MAUTIC_USERNAME',
      'MAUTIC_PASSWORD',
      'MAUTIC_CLIENT_ID',
      'MAUTIC_CLIENT_SECRET',
    ]) {
      delete base[name];
    }
    const child = spawn(command, args, { cwd: packageDir, env: { ...base, NO_COLOR: '1', ...env } });
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
