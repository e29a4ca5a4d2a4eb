import { createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedisQueue, createRedisWorker, RedisErasureLog, RedisKeyedSerializer } from '@mautic-woo/redis';
import { emailHash, MAUTIC_WOO_FIELDS } from '@mautic-woo/sync';
import {
  type FakeMauticServer,
  type RedisServer,
  redisAvailable,
  startFakeMautic,
  startRedis,
} from '@mautic-woo/testkit';
import { createFileQueue, FileCustomerDirectory, FileErasureLog } from '@mautic-woo/webhook';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess } from '../../examples/chaos/processes';
import { runCli } from './helpers';
import { sampleOrder } from './orders';

const SECRET = 'cli-scale-secret';
const PASSWORD = 'cli-scale-password';

function signedPost(url: string, id: string, order: unknown, topic = 'order.updated') {
  const body = JSON.stringify(order);
  return fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-delivery-id': id,
      'x-wc-webhook-signature': createHmac('sha256', SECRET).update(body).digest('base64'),
    },
  });
}

/** Resolves when the fake Mautic has received a note (the last step of a sync). */
function noteReceived(mautic: FakeMauticServer): Promise<void> {
  return new Promise((resolve) => {
    mautic.fail('POST', '/api/notes/new', () => {
      setImmediate(resolve);
      return undefined;
    });
  });
}

let mautic: FakeMauticServer;
let dir: string;
const env = () => ({
  MAUTIC_URL: mautic.url,
  MAUTIC_USERNAME: 'api',
  MAUTIC_PASSWORD: PASSWORD,
  WC_WEBHOOK_SECRET: SECRET,
});

beforeAll(async () => {
  mautic = await startFakeMautic({ fields: MAUTIC_WOO_FIELDS.map((field) => field.alias) });
  dir = await mkdtemp(join(tmpdir(), 'mautic-woo-cli-scale-'));
});
afterAll(async () => {
  await mautic?.close();
  await rm(dir, { recursive: true, force: true });
});

it('serve (embedded queue) answers 202 over HTTP, syncs the order, and stops on SIGTERM', async () => {
  const serve = new CliProcess(
    'serve',
    ['serve', '--host', '127.0.0.1', '--port', '0', '--queue-dir', join(dir, 'q1'), '--note'],
    env(),
  );
  const [, url] = await serve.waitFor(/listening on (\S+)/, 30_000);
  const synced = noteReceived(mautic);
  const order = { ...sampleOrder(), id: 9101, customer_id: 91 };
  const response = await signedPost(url as string, 'serve-1', order);
  expect(response.status).toBe(202);
  const replay = await signedPost(url as string, 'serve-1', order);
  expect(replay.status).toBe(200);
  await synced;
  expect(mautic.mautic.notesByOrder.get(9101)).toBe(1);
  expect(await serve.stop()).toBe(0);
  // The order's customer is remembered beside the journal, for a customer.deleted after a restart.
  const customers = new FileCustomerDirectory(join(dir, 'q1', 'customers.ndjson'));
  expect(await customers.emailOf(91)).toBe(order.billing?.email);
  await customers.close();
});

it('serve --customers (embedded): a customer.deleted after a restart erases the contact an order made', async () => {
  const queueDir = join(dir, 'q-customers');
  const args = ['serve', '--host', '127.0.0.1', '--port', '0', '--queue-dir', queueDir, '--customers'];
  const email = 'deleted.after.restart@example.com';
  const order = { ...sampleOrder(), id: 9701, customer_id: 97, billing: { ...sampleOrder().billing, email } };
  const first = new CliProcess('serve', args, env());
  const [, url] = await first.waitFor(/listening on (\S+)/, 30_000);
  expect((await signedPost(url as string, 'c-order', order)).status).toBe(202);
  await first.waitFor(/synced delivery c-order/, 30_000);
  expect(mautic.mautic.contact(email)).toBeDefined();
  expect(await first.stop()).toBe(0);

  // A new process: WooCommerce sends only the id; the email learnt before the restart is on disk.
  const second = new CliProcess('serve', args, env());
  const [, url2] = await second.waitFor(/listening on (\S+)/, 30_000);
  expect((await signedPost(url2 as string, 'c-deleted', { id: 97 }, 'customer.deleted')).status).toBe(202);
  await second.waitFor(/synced delivery c-deleted/, 30_000);
  expect(mautic.mautic.contact(email)).toBeUndefined();
  expect(await second.stop()).toBe(0);
});

it('serve (embedded): a kill -9 after the note, before the delivery is recorded, does not send the note again', async () => {
  // The email request hangs: the note is sent and recorded in the ledger, the delivery is not done.
  let hanging = true;
  let emailSent: () => void = () => {};
  const emailReached = new Promise<void>((resolve) => {
    emailSent = resolve;
  });
  mautic.fail('POST', '/api/emails/:id/contact/:cid/send', () => {
    if (!hanging) return undefined;
    emailSent();
    return { hang: true };
  });
  const queueDir = join(dir, 'q-crash');
  const args = [
    'serve',
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--queue-dir',
    queueDir,
    '--note',
    '--email-on',
    'processing=7',
  ];
  const first = new CliProcess('serve', args, env());
  const [, url] = await first.waitFor(/listening on (\S+)/, 30_000);
  const order = { ...sampleOrder(), id: 9151, status: 'processing' };
  expect((await signedPost(url as string, 'crash-1', order)).status).toBe(202);
  await emailReached;
  expect(mautic.mautic.notesByOrder.get(9151)).toBe(1);
  await first.kill();

  hanging = false;
  const second = new CliProcess('serve', args, env());
  // The journal replays the delivery: the contact is written again, the note is not resent, and the
  // email, claimed by the dead process, may have gone out: it is not resent either (at most once).
  await second.waitFor(/synced delivery crash-1 \(order.updated 9151\)/, 30_000);
  expect(mautic.mautic.notesByOrder.get(9151)).toBe(1);
  expect(mautic.mautic.emailsByOrder.get(9151)).toBeUndefined();
  expect(await second.stop()).toBe(0);
});

it('serve (embedded) keeps an erasure from before its start: an older order is skipped, a newer one syncs', async () => {
  const queueDir = join(dir, 'q-erased');
  const email = 'erased.customer@example.com';
  // What an earlier serve process left beside its journal after erasing this customer.
  const earlier = new FileErasureLog(join(queueDir, 'erasures.ndjson'));
  await earlier.record(await emailHash(email), Date.UTC(2020, 0, 1));
  await earlier.close();

  const serve = new CliProcess(
    'serve',
    ['serve', '--host', '127.0.0.1', '--port', '0', '--queue-dir', queueDir, '--note'],
    env(),
  );
  const [, url] = await serve.waitFor(/listening on (\S+)/, 30_000);
  const base = sampleOrder();
  const billing = { ...base.billing, email };
  const older = { ...base, id: 9161, billing, date_created_gmt: '2019-12-31T23:00:00' };
  const synced1 = serve.waitFor(/synced delivery erased-1 \(order.updated 9161\)/, 30_000);
  expect((await signedPost(url as string, 'erased-1', older)).status).toBe(202);
  await synced1;
  expect(mautic.mautic.contact(email)).toBeUndefined();
  expect(mautic.mautic.notesByOrder.get(9161)).toBeUndefined();

  const newer = { ...base, id: 9162, billing, date_created_gmt: '2020-01-01T00:00:01' };
  const synced2 = serve.waitFor(/synced delivery erased-2 \(order.updated 9162\)/, 30_000);
  expect((await signedPost(url as string, 'erased-2', newer)).status).toBe(202);
  await synced2;
  expect(mautic.mautic.contact(email)).toBeDefined();
  expect(mautic.mautic.notesByOrder.get(9162)).toBe(1);
  expect(await serve.stop()).toBe(0);
});

it('serve refuses to start without the webhook secret, and without Mautic credentials unless --redis', async () => {
  const noSecret = await runCli(['serve', '--port', '0'], { MAUTIC_URL: mautic.url });
  expect(noSecret.code).toBe(2);
  expect(noSecret.stderr).toContain('WC_WEBHOOK_SECRET is not set');
  const noMautic = await runCli(['serve', '--port', '0'], { WC_WEBHOOK_SECRET: SECRET });
  expect(noMautic.code).toBe(2);
  expect(noMautic.stderr).toContain('--redis');
  const worker = await runCli(['worker'], env());
  expect(worker.code).toBe(2);
  expect(worker.stderr).toContain('worker needs --redis');
  expect(noSecret.stderr + noMautic.stderr + worker.stderr).not.toContain(PASSWORD);
});

it('queue status reads an embedded queue while its process holds it; retry waits for it to stop', async () => {
  const queueDir = join(dir, 'q2');
  const queue = createFileQueue({
    dir: queueDir,
    maxAttempts: 1,
    process: async () => {
      throw new Error('Mautic said no');
    },
  });
  const order = { ...sampleOrder(), id: 9202 };
  await queue.enqueue({
    id: 'dead-1',
    topic: 'order.updated',
    resourceId: 9202,
    modifiedAt: null,
    customerKey: order.billing?.email ?? null,
    payload: order,
    receivedAt: Date.now(),
  });
  await queue.whenIdle();

  // This process holds the directory, as `serve` would: status reads the journal beside it.
  const status = await runCli(['queue', 'status', '--queue-dir', queueDir]);
  expect(status.code, status.stderr).toBe(0);
  expect(status.stdout).toContain('0 waiting, 0 retrying, 1 dead');
  expect(status.stdout).toContain('dead dead-1 order.updated 9202 after 1 attempt(s): Error: Mautic said no');
  expect(status.stdout).not.toContain(order.billing?.email as string);
  // Retry writes to the journal: refused while the queue's process runs, with who holds it.
  const refused = await runCli(['queue', 'retry', '--queue-dir', queueDir]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`in use by process ${process.pid}; stop it first`);
  expect(await queue.counts()).toMatchObject({ dead: 1 });
  await queue.close();

  const retry = await runCli(['queue', 'retry', '--queue-dir', queueDir]);
  expect(retry.stdout).toContain('retried 1 dead letter(s)');
  const after = await runCli(['queue', 'status', '--queue-dir', queueDir]);
  expect(after.stdout).toContain('1 waiting, 0 retrying, 0 dead');
});

describe.skipIf(!redisAvailable())('with Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.close();
  });

  it('serve --redis enqueues, worker --redis syncs it, SIGTERM closes the worker after its work', async () => {
    const serve = new CliProcess('serve', ['serve', '--redis', redis.url, '--host', '127.0.0.1', '--port', '0'], {
      WC_WEBHOOK_SECRET: SECRET,
    });
    const [, url] = await serve.waitFor(/listening on (\S+)/, 30_000);
    const accepted = await signedPost(url as string, 'redis-1', { ...sampleOrder(), id: 9301 });
    expect(accepted.status).toBe(202);
    // Nothing syncs until a worker runs: the handler only enqueued.
    expect(mautic.mautic.notesByOrder.get(9301)).toBeUndefined();

    const worker = new CliProcess('worker', ['worker', '--redis', redis.url, '--note'], env());
    await worker.waitFor(/synced delivery redis-1 \(order.updated 9301\)/, 30_000);
    expect(mautic.mautic.notesByOrder.get(9301)).toBe(1);
    const status = await runCli(['queue', 'status', '--redis', redis.url]);
    expect(status.stdout).toContain('0 waiting, 0 active, 0 delayed, 1 completed, 0 failed');
    expect(await worker.stop()).toBe(0);
    expect(await serve.stop()).toBe(0);
  });

  /** What another process's erasure leaves on Redis: the customer's tombstone, dated 2020-01-01. */
  async function eraseOnRedis(prefix: string, email: string): Promise<void> {
    const elsewhere = new RedisErasureLog({ connection: redis.url, prefix });
    await elsewhere.record(await emailHash(email), Date.UTC(2020, 0, 1));
    await elsewhere.close();
  }

  it('worker --redis reads the erasures on Redis: an order dated before an erasure elsewhere is skipped', async () => {
    const prefix = 'erased-test';
    const email = 'erased.on.redis@example.com';
    // Another process (a worker that applied customer.deleted, a script) erased this customer.
    await eraseOnRedis(prefix, email);
    const queue = createRedisQueue({ connection: redis.url, prefix });
    const order = { ...sampleOrder(), id: 9501, billing: { ...sampleOrder().billing, email } };
    await queue.enqueue({
      id: 'erased-r1',
      topic: 'order.updated',
      resourceId: 9501,
      modifiedAt: null,
      customerKey: email,
      payload: { ...order, date_created_gmt: '2019-12-31T23:00:00' },
      receivedAt: Date.now(),
    });
    const worker = new CliProcess('worker', ['worker', '--redis', redis.url, '--prefix', prefix, '--note'], env());
    await worker.waitFor(/synced delivery erased-r1 \(order.updated 9501\)/, 30_000);
    expect(mautic.mautic.contact(email)).toBeUndefined();
    expect(mautic.mautic.notesByOrder.get(9501)).toBeUndefined();
    expect(await worker.stop()).toBe(0);
    await queue.close();
  });

  it('worker --redis: a customer.deleted taken after a worker restart erases the customer an order brought', async () => {
    // serve accepts the order topics only: the customer.deleted goes on the queue as a handler would put it.
    const prefix = 'directory-test';
    const email = 'deleted.later@example.com';
    const queue = createRedisQueue({ connection: redis.url, prefix });
    const order = { ...sampleOrder(), id: 9701, customer_id: 77, billing: { ...sampleOrder().billing, email } };
    await queue.enqueue({
      id: 'dir-1',
      topic: 'order.updated',
      resourceId: 9701,
      modifiedAt: null,
      customerKey: email,
      payload: order,
      receivedAt: Date.now(),
    });
    const args = ['worker', '--redis', redis.url, '--prefix', prefix];
    const first = new CliProcess('worker', args, env());
    await first.waitFor(/synced delivery dir-1 \(order.updated 9701\)/, 30_000);
    expect(await first.stop()).toBe(0);
    expect(mautic.mautic.contact(email)).toBeDefined();

    await queue.enqueue({
      id: 'dir-2',
      topic: 'customer.deleted',
      resourceId: 77,
      modifiedAt: null,
      customerKey: null,
      payload: { id: 77 },
      receivedAt: Date.now(),
    });
    const second = new CliProcess('worker', args, env());
    await second.waitFor(/synced delivery dir-2 \(customer.deleted 77\)/, 30_000);
    expect(mautic.mautic.contact(email)).toBeUndefined();
    expect(await second.stop()).toBe(0);
    expect((await queue.counts()).failed).toBe(0);
    await queue.close();
  });

  it('backfill --redis skips the older orders of a customer erased elsewhere, and says so', async () => {
    const prefix = 'backfill-erased';
    const email = 'erased.before.backfill@example.com';
    await eraseOnRedis(prefix, email);
    const erased = { ...sampleOrder(), id: 9601, billing: { ...sampleOrder().billing, email } };
    const kept = {
      ...sampleOrder(),
      id: 9602,
      billing: { ...sampleOrder().billing, email: 'kept.in.backfill@example.com' },
    };
    const file = join(dir, 'erased-backfill.ndjson');
    await writeFile(
      file,
      [{ ...erased, date_created_gmt: '2019-06-01T10:00:00' }, kept].map((o) => JSON.stringify(o)).join('\n'),
    );
    const result = await runCli(['backfill', file, '--redis', redis.url, '--prefix', prefix], env());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('2 synced (1 of erased customers skipped)');
    expect(mautic.mautic.contact(email)).toBeUndefined();
    expect(mautic.mautic.contact('kept.in.backfill@example.com')).toBeDefined();

    // Per order (a note): the client takes each customer's lock on Redis itself, and the erasure still holds.
    const perOrder = await runCli(['backfill', file, '--redis', redis.url, '--prefix', prefix, '--note'], env());
    expect(perOrder.code, perOrder.stderr).toBe(0);
    expect(perOrder.stdout).toContain('2 synced (1 of erased customers skipped)');
    expect(mautic.mautic.notesByOrder.get(9602)).toBe(1);
    expect(mautic.mautic.contact(email)).toBeUndefined();
  });

  it('backfill --redis (batch) waits for a customer a worker holds, and an erasure made meanwhile wins', async () => {
    const prefix = 'backfill-lock';
    const email = 'held.by.worker@example.com';
    // What a worker's client holds while it syncs or erases this customer: the customer's lock on Redis.
    const workerLock = new RedisKeyedSerializer({ connection: redis.url, prefix });
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    let release!: () => void;
    const working = workerLock.run(email, async () => {
      holding();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await held;
    let begun!: () => void;
    const backfillBegun = new Promise<void>((resolve) => (begun = resolve));
    mautic.fail('GET', '/api/fields/contact', () => {
      begun();
      return undefined;
    });
    const file = join(dir, 'held-backfill.ndjson');
    const orders = [
      { ...sampleOrder(), id: 9801, billing: { ...sampleOrder().billing, email } },
      { ...sampleOrder(), id: 9802, billing: { ...sampleOrder().billing, email: 'not.held@example.com' } },
    ];
    await writeFile(file, orders.map((o) => JSON.stringify(o)).join('\n'));
    const backfill = runCli(['backfill', file, '--redis', redis.url, '--prefix', prefix], env());
    await backfillBegun;
    // The worker erases the customer while the backfill has its orders folded and waits for the lock.
    const erasures = new RedisErasureLog({ connection: redis.url, prefix });
    await erasures.record(await emailHash(email), Date.now());
    await erasures.close();
    release();
    await working;
    await workerLock.close();
    const result = await backfill;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('2 synced (1 of erased customers skipped)');
    expect(mautic.mautic.contact(email)).toBeUndefined();
    expect(mautic.mautic.contact('not.held@example.com')).toBeDefined();
  });

  it('queue status --redis lists dead letters without the customer, retry sends them back', async () => {
    const prefix = 'dead-test';
    const queue = createRedisQueue({ connection: redis.url, prefix });
    const worker = createRedisWorker({
      connection: redis.url,
      prefix,
      attempts: 1,
      shutdownSignals: [],
      process: async () => {
        throw new Error('Mautic said no');
      },
    });
    await queue.enqueue({
      id: 'dead-r1',
      topic: 'order.updated',
      resourceId: 9401,
      modifiedAt: null,
      customerKey: 'dead.customer@example.com',
      payload: { id: 9401 },
      receivedAt: Date.now(),
    });
    await queue.whenIdle();
    await worker.close();
    const status = await runCli(['queue', 'status', '--redis', redis.url, '--prefix', prefix]);
    expect(status.stdout).toContain('1 failed');
    expect(status.stdout).toContain('dead dead-r1 order.updated 9401 after 1 attempt(s): Mautic said no');
    expect(status.stdout).not.toContain('dead.customer@example.com');
    const retry = await runCli(['queue', 'retry', '--redis', redis.url, '--prefix', prefix]);
    expect(retry.stdout).toContain('retried 1 dead letter(s)');
    expect((await queue.counts()).failed).toBe(0);
    await queue.close();
  });
});
