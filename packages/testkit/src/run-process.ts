import { spawn } from 'node:child_process';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

// A test's process gets none of the developer's own Mautic credentials: it sees only what the test gives.
const MAUTIC_VARS = ['MAUTIC_URL', 'MAUTIC_USERNAME', 'MAUTIC_PASSWORD', 'MAUTIC_CLIENT_ID', 'MAUTIC_CLIENT_SECRET'];

/**
 * Runs a process without blocking the event loop, so servers in the test's process can answer it;
 * killed after `timeoutMs` (its output so far is still returned, with code null).
 */
export function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const base: NodeJS.ProcessEnv = { ...process.env };
    for (const name of MAUTIC_VARS) delete base[name];
    const child = spawn(command, args, { cwd: options.cwd, env: { ...base, NO_COLOR: '1', ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
