import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { specPath as defaultSpecPath } from '@mautic-woo/spec';

export interface PrismServer {
  url: string;
  port: number;
  /** Everything Prism printed, for a failing test's message. */
  output(): string;
  close(): Promise<void>;
}

export interface PrismOptions {
  specPath?: string;
  /** Reject requests that break the spec instead of only logging them (default true). */
  errors?: boolean;
  /** Serve random data from the schemas instead of the examples. */
  dynamic?: boolean;
  startTimeoutMs?: number;
}

const running = new Set<ChildProcess>();
// A test run that dies half-way must not leave a Prism behind on the machine.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function prismBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
}

/** Starts `prism mock` on a free loopback port and resolves once it answers. */
export async function startPrism(options: PrismOptions = {}): Promise<PrismServer> {
  const port = await freePort();
  const args = [prismBin(), 'mock', '-h', '127.0.0.1', '-p', String(port)];
  if (options.errors ?? true) args.push('--errors');
  if (options.dynamic) args.push('--dynamic');
  args.push(options.specPath ?? defaultSpecPath);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Prism exited with ${child.exitCode}:\n${output}`);
    if (/Prism is listening/.test(output)) {
      return { url: `http://127.0.0.1:${port}`, port, output: () => output, close };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await close();
  throw new Error(`Prism did not start within the timeout:\n${output}`);
}
