import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDeliveryProcessor,
  createFileQueue,
  type Delivery,
  type DeliveryProcessor,
  type FileQueue,
  FileQueueLockedError,
  readFileQueue,
} from '../src';
import { fakeClient, gate, tempDir, wooOrder } from './helpers';

let dir: string;
let remove: () => Promise<void>;
const open: FileQueue[] = [];

beforeEach(async () => {
  ({ dir, remove } = await tempDir());
});
afterEach(async () => {
  for (const queue of open.splice(0)) await queue.close();
  await remove();
});

function queueWith(process: DeliveryProcessor, options: Partial<Parameters<typeof createFileQueue>[0]> = {}) {
  const queue = createFileQueue({ dir, process, backoff: () => 0, ...options });
  open.push(queue);
  return queue;
}

function delivery(id: string, orderId: number, options: { email?: string; status?: string; modified?: string } = {}) {
  const payload = wooOrder(orderId, options);
  return {
    id,
    topic: 'order.updated',
    resourceId: orderId,
    modifiedAt: payload.date_modified_gmt ?? null,
    customerKey: payload.billing?.email?.toLowerCase() ?? null,
    payload,
    receivedAt: 1,
  } satisfies Delivery;
}

/** A processor that hangs until the queue closes (a Mautic that never answers). */
const hanging: DeliveryProcessor = (_delivery, context) =>
  new Promise((_resolve, reject) => {
    const signal = context?.signal;
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason));
  });

describe('file queue', () => {
  it('retries a failing sync with backoff until it succeeds', async () => {
    const failures: number[] = [];
    const fake = fakeClient((_order, call) => (call < 2 ? new Error('Mautic answered 503') : undefined));
    const queue = queueWith(createDeliveryProcessor(fake.client), {
      backoff: (n) => {
        failures.push(n);
        return 0;
      },
    });
    expect(await queue.enqueue(delivery('d-1', 1))).toBe('accepted');
    await queue.whenIdle();
    expect(fake.calls).toHaveLength(3);
    expect(failures).toEqual([1, 2]);
    expect(await queue.counts()).toEqual({ waiting: 0, active: 0, retrying: 0, dead: 0 });
  });

  it('keeps a delivery out of attempts as a dead letter, without the email, and retries it on request', async () => {
    let mauticUp = false;
    const fake = fakeClient((order) =>
      mauticUp ? undefined : new Error(`Mautic refused ${order.billing?.email}: 500`),
    );
    const queue = queueWith(createDeliveryProcessor(fake.client), { maxAttempts: 3 });
    await queue.enqueue(delivery('d-dead', 5));
    await queue.whenIdle();
    expect(fake.calls).toHaveLength(3);
    expect(await queue.counts()).toMatchObject({ dead: 1, waiting: 0 });
    const [dead] = await queue.listDeadLetters();
    expect(dead).toMatchObject({ id: 'd-dead', topic: 'order.updated', resourceId: 5, attempts: 3 });
    expect(dead?.error).toBe('Error: Mautic refused <email>: 500');

    mauticUp = true;
    expect(await queue.retryDeadLetters()).toBe(1);
    await queue.whenIdle();
    expect(fake.calls).toHaveLength(4);
    expect(await queue.counts()).toMatchObject({ dead: 0 });
  });

  it('dead-letters at once what no retry can fix', async () => {
    const invalid = Object.assign(new Error('billing email is not a valid email'), { name: 'MauticInvalidInputError' });
    const fake = fakeClient(() => invalid);
    const queue = queueWith(createDeliveryProcessor(fake.client), { maxAttempts: 5 });
    await queue.enqueue(delivery('d-invalid', 6));
    await queue.whenIdle();
    expect(fake.calls).toHaveLength(1);
    expect((await queue.listDeadLetters())[0]?.error).toMatch(/^PermanentDeliveryError: order 6: billing email/);
  });

  it('never applies two deliveries of one customer at once, and keeps other customers moving', async () => {
    const events: string[] = [];
    const first = gate();
    const otherDone = gate();
    const queue = queueWith(async (d) => {
      events.push(`start ${d.id}`);
      if (d.id === 'a1') await first.opened;
      events.push(`end ${d.id}`);
      if (d.id === 'b1') otherDone.open();
    });
    await queue.enqueue(delivery('a1', 1, { email: 'a@example.com' }));
    await queue.enqueue(delivery('a2', 2, { email: 'A@example.com' }));
    await queue.enqueue(delivery('b1', 3, { email: 'b@example.com' }));
    await otherDone.opened;
    expect(events).toEqual(['start a1', 'start b1', 'end b1']);
    first.open();
    await queue.whenIdle();
    expect(events.slice(3)).toEqual(['end a1', 'start a2', 'end a2']);
  });

  it('skips at apply time a delivery older than one already applied', async () => {
    let fail = true;
    const fake = fakeClient(() => (fail ? new Error('503') : undefined));
    const queue = queueWith(createDeliveryProcessor(fake.client), { maxAttempts: 1 });
    await queue.enqueue(delivery('old', 9, { status: 'processing', modified: '2026-11-30T10:00:00' }));
    await queue.whenIdle();
    fail = false;
    await queue.enqueue(delivery('new', 9, { status: 'completed', modified: '2026-11-30T11:00:00' }));
    await queue.whenIdle();
    expect(await queue.retryDeadLetters()).toBe(1);
    await queue.whenIdle();
    // The retried 'processing' would have set the contact back: it was skipped, not synced.
    expect(fake.calls.map((c) => c.order.status)).toEqual(['processing', 'completed']);
    expect(await queue.counts()).toEqual({ waiting: 0, active: 0, retrying: 0, dead: 0 });
  });

  it('replays accepted deliveries after a restart and still knows ids and dates', async () => {
    const first = queueWith(hanging);
    for (let i = 1; i <= 3; i++) await first.enqueue(delivery(`r-${i}`, i, { modified: '2026-11-30T10:00:00' }));
    await first.close();

    const fake = fakeClient();
    const second = queueWith(createDeliveryProcessor(fake.client));
    await second.whenIdle();
    expect(fake.calls.map((c) => c.order.id).sort()).toEqual([1, 2, 3]);
    expect(await second.enqueue(delivery('r-1', 1))).toBe('duplicate');
    expect(await second.enqueue(delivery('r-older', 2, { modified: '2026-11-30T09:00:00' }))).toBe('stale');
    expect(await second.enqueue(delivery('r-same-time', 2, { modified: '2026-11-30T10:00:00' }))).toBe('accepted');
  });

  it('compacts the journal and keeps what is still needed', async () => {
    const fake = fakeClient((order) => (order.id === 1 ? new Error('503') : undefined));
    const queue = queueWith(createDeliveryProcessor(fake.client), { maxAttempts: 1, compactAtBytes: 20_000 });
    for (let i = 1; i <= 60; i++) await queue.enqueue(delivery(`c-${i}`, i));
    await queue.whenIdle();
    await queue.close();
    const { size } = await stat(join(dir, 'journal.ndjson'));
    // 60 payloads of ~3 KB went through; what is left is one dead letter and the remembered ids.
    expect(size).toBeLessThan(20_000);

    const reopened = queueWith(createDeliveryProcessor(fakeClient().client));
    expect((await reopened.listDeadLetters()).map((d) => d.id)).toEqual(['c-1']);
    expect(await reopened.enqueue(delivery('c-30', 30))).toBe('duplicate');
    expect(await reopened.retryDeadLetters()).toBe(1);
    await reopened.whenIdle();
    expect(await reopened.counts()).toMatchObject({ dead: 0 });
  });

  it('drops a line torn by a crash and goes on from the last whole one', async () => {
    const first = queueWith(hanging);
    await first.enqueue(delivery('whole', 1));
    await first.close();
    const path = join(dir, 'journal.ndjson');
    await appendFile(path, '{"t":"a","d":{"id":"torn","topic":"order.upd');
    const fake = fakeClient();
    const second = queueWith(createDeliveryProcessor(fake.client));
    await second.whenIdle();
    expect(fake.calls.map((c) => c.order.id)).toEqual([1]);
    await second.enqueue(delivery('after', 2));
    await second.close();
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines.every((line) => JSON.parse(line))).toBe(true);
  });

  it('readFileQueue reads a queue another holds, skips a torn last line and changes nothing', async () => {
    const fake = fakeClient(() => new Error('Mautic is down'));
    const queue = queueWith(createDeliveryProcessor(fake.client), { maxAttempts: 1 });
    await queue.enqueue(delivery('d-dead', 7));
    await queue.whenIdle();
    await queue.close();
    const held = queueWith(hanging);
    await held.enqueue(delivery('d-waiting', 8));
    const path = join(dir, 'journal.ndjson');
    await appendFile(path, '{"t":"a","d":{"id":"torn","topic":"order.upd');
    const before = await readFile(path);

    const snapshot = await readFileQueue(dir);
    // `d-waiting` is being applied by the holder (it hangs): the journal cannot say so, it reads as waiting.
    expect(snapshot.counts).toEqual({ waiting: 1, active: 0, retrying: 0, dead: 1 });
    expect(snapshot.deadLetters).toMatchObject([{ id: 'd-dead', resourceId: 7, attempts: 1 }]);
    expect(await readFile(path)).toEqual(before);
    expect(await readFileQueue(join(dir, 'no-queue-here'))).toEqual({
      counts: { waiting: 0, active: 0, retrying: 0, dead: 0 },
      deadLetters: [],
    });
  });

  it('refuses a directory another queue has open, and takes over a lock left by a dead process', async () => {
    const first = queueWith(hanging);
    await first.ready();
    const second = queueWith(hanging);
    await expect(second.ready()).rejects.toBeInstanceOf(FileQueueLockedError);
    await first.close();
    // pid 2^22 + 1 is above Linux's pid_max: no process has it.
    await writeFile(join(dir, 'lock'), String(2 ** 22 + 1));
    const third = queueWith(hanging);
    await expect(third.ready()).resolves.toBeUndefined();
  });
});
