import { ConfigError, mauticTargetFromEnv } from './env-config';
import { runQueue } from './queue-command';
import { startServe } from './serve';
import { type SyncFlagValues, syncOptionsFrom } from './sync-flags';
import { EXIT, UsageError } from './usage';
import { startWorker } from './worker';

/** `serve`, `worker` and `queue`: the long-running side of the CLI (see README "Scaling out"). */

export const SCALE_OPTIONS = {
  serve: {
    port: { type: 'string' },
    host: { type: 'string' },
    redis: { type: 'string' },
    prefix: { type: 'string' },
    'queue-dir': { type: 'string' },
    customers: { type: 'boolean' },
  },
  worker: {
    redis: { type: 'string' },
    prefix: { type: 'string' },
    concurrency: { type: 'string' },
    timeout: { type: 'string' },
  },
  queue: { redis: { type: 'string' }, prefix: { type: 'string' }, 'queue-dir': { type: 'string' } },
} as const;

type Values = Record<string, unknown> & SyncFlagValues;

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

function integer(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}

function redisUrl(values: Values): string | undefined {
  const url = text(values.redis);
  if (url !== undefined && !/^rediss?:\/\//.test(url))
    throw new UsageError('--redis must be a redis:// or rediss:// URL');
  return url;
}

/** Resolves on the first SIGTERM or SIGINT: the signal a supervisor sends to stop a process. */
const stopSignal = () =>
  new Promise<NodeJS.Signals>((resolve) => {
    const once = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', once);
      process.off('SIGINT', once);
      resolve(signal);
    };
    process.on('SIGTERM', once);
    process.on('SIGINT', once);
  });

export async function runServeCommand(values: Values, env = process.env): Promise<number> {
  const secret = env.WC_WEBHOOK_SECRET?.trim();
  if (!secret) throw new ConfigError('WC_WEBHOOK_SECRET is not set: the secret of the webhook in WooCommerce');
  const redis = redisUrl(values);
  const running = await startServe({
    secret,
    host: text(values.host) ?? '0.0.0.0',
    port: integer(values.port, 'port', 0, 65535, 8080),
    redisUrl: redis,
    prefix: text(values.prefix),
    queueDir: text(values['queue-dir']),
    target: redis ? null : mauticTargetFromEnv(env),
    syncOptions: syncOptionsFrom(values),
    log: (line) => process.stdout.write(`${line}\n`),
    customers: values.customers === true,
  });
  process.stdout.write(`mautic-woo serve: listening on ${running.url} (${redis ? 'redis queue' : 'embedded queue'})\n`);
  const signal = await stopSignal();
  process.stdout.write(`mautic-woo serve: ${signal}, closing\n`);
  await running.close();
  return EXIT.ok;
}

export async function runWorkerCommand(values: Values, env = process.env): Promise<number> {
  const redis = redisUrl(values);
  if (!redis) throw new UsageError('worker needs --redis <url>: the Redis the handlers enqueue to');
  const target = mauticTargetFromEnv(env);
  if (!target) throw new ConfigError('MAUTIC_URL and credentials are not set: the worker syncs to Mautic');
  const worker = startWorker({
    target,
    redisUrl: redis,
    prefix: text(values.prefix),
    concurrency: integer(values.concurrency, 'concurrency', 1, 64, 4),
    timeoutMs: integer(values.timeout, 'timeout', 1, 600, 30) * 1000,
    syncOptions: syncOptionsFrom(values),
    log: (line) => process.stdout.write(`${line}\n`),
  });
  const stopped = stopSignal();
  await worker.ready();
  process.stdout.write(`mautic-woo worker: ready (${target.description})\n`);
  const signal = await stopped;
  process.stdout.write(`mautic-woo worker: ${signal}, finishing the running deliveries\n`);
  await worker.close();
  process.stdout.write('mautic-woo worker: closed\n');
  return EXIT.ok;
}

export function runQueueCommand(action: string, values: Values): Promise<number> {
  return runQueue(action, {
    redisUrl: redisUrl(values),
    prefix: text(values.prefix),
    queueDir: text(values['queue-dir']),
  });
}
