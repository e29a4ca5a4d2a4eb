import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './prism';

export interface RedisServer {
  url: string;
  port: number;
  /** The data directory (with appendonly: where the journal lives across a restart). */
  dir: string;
  /** Everything redis-server printed, for a failing test's message. */
  output(): string;
  /** SIGKILL, as a crash: with appendonly, `startRedis({ dir })` brings the data back. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

export interface RedisOptions {
  /** Journal every write (`appendonly yes`, fsync always) for crash tests. Default: nothing on disk. */
  appendonly?: boolean;
  /** Reuse a data directory from an earlier server (a restart after a crash). */
  dir?: string;
  startTimeoutMs?: number;
}

export const REDIS_INSTALL_HINT =
  'redis-server (7.x) is not installed; install it with `sudo apt-get update && sudo apt-get install -y redis-server`';

/** Whether Debian's redis-server is on PATH. */
export function redisAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

const running = new Set<ChildProcess>();
// A test run that dies half-way must not leave a redis-server behind on the machine.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Resolves once a PING on the port is answered with PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    socket.once('error', () => resolve(false));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) {
        socket.destroy();
        resolve(reply.startsWith('+PONG'));
      }
    });
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}

/** Starts a redis-server of its own on a free loopback port and resolves once it answers PING. */
export async function startRedis(options: RedisOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'mautic-woo-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push(...(options.appendonly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await exited;
    }
    running.delete(child);
  };
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    output: () => output,
    kill: () => stop('SIGKILL'),
    async close() {
      await stop('SIGTERM');
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${output}`);
    if (await ping(port)) return server;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await server.close();
  throw new Error(`redis-server did not answer PING within the timeout:\n${output}`);
}
