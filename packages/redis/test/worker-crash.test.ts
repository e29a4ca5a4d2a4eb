import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRedisQueue, createRedisWorker, RedisStepLedger } from '../src';
import { orderDelivery } from './helpers/deliveries';
import { emailProcessor, SENT, SKIPPED } from './helpers/email-processor';
import { useRedis, withoutRedis } from './helpers/redis';

function startWorkerProcess(url: string, mode: 'crash' | 'graceful'): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'worker-process.ts')], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, REDIS_URL: url, MODE: mode },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

const message = (child: ChildProcess, expected: string) =>
  new Promise<void>((resolve, reject) => {
    const onMessage = (m: unknown) => {
      if (m !== expected) return;
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
    child.once('exit', (code, signal) => reject(new Error(`worker exited (${code ?? signal}) before '${expected}'`)));
  });

const exit = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
    } else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

describe.skipIf(withoutRedis)('a worker process that dies or is stopped', () => {
  const redis = useRedis();

  it('has its job retried by another worker after SIGKILL mid-job, and the ledger stops a second send', async () => {
    const queue = redis.track(createRedisQueue({ connection: redis.client() }));
    const delivery = orderDelivery({ customerKey: 'ann@example.com' });
    expect(await queue.enqueue(delivery)).toBe('accepted');

    const child = startWorkerProcess(redis.url, 'crash');
    await message(child, 'sent');
    child.kill('SIGKILL');
    expect((await exit(child)).signal).toBe('SIGKILL');
    expect((await queue.counts()).active).toBe(1);

    const client = redis.client();
    redis.track(
      createRedisWorker({
        connection: redis.client(),
        jobLockMs: 1000,
        backoff: { delayMs: 100, maxDelayMs: 400 },
        attempts: 100,
        shutdownSignals: [],
        process: emailProcessor({
          who: 'survivor',
          redis: client,
          ledger: redis.track(new RedisStepLedger({ connection: redis.client() })),
          claimTtlMs: 2000,
        }),
      }),
    );
    await queue.whenIdle();

    expect(await client.lrange(SENT, 0, -1)).toEqual([`child:${delivery.id}`]);
    // The dead sender's claim outlived it, then read as 'uncertain': skipped, not resent.
    expect(await client.lrange(SKIPPED, 0, -1)).toEqual(['survivor:uncertain']);
    expect(await queue.counts()).toMatchObject({ completed: 1, failed: 0, active: 0 });
  });

  it('finishes its running job on SIGTERM, takes no new one, then ends as SIGTERM would', async () => {
    const queue = redis.track(createRedisQueue({ connection: redis.client() }));
    const first = orderDelivery();
    await queue.enqueue(first);
    const child = startWorkerProcess(redis.url, 'graceful');
    await message(child, 'started');
    const terminating = message(child, 'terminating');
    child.kill('SIGTERM');
    await terminating;
    const second = orderDelivery();
    await queue.enqueue(second);
    child.send('finish');

    expect(await exit(child)).toEqual({ code: null, signal: 'SIGTERM' });
    expect(await redis.client().lrange(SENT, 0, -1)).toEqual([`child:${first.id}`]);
    expect(await queue.counts()).toMatchObject({ completed: 1, active: 0, waiting: 1 });
  });
});
