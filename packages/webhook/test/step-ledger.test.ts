import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FileStepLedger } from '../src';
import { tempDir } from './helpers';

let work: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  work = await tempDir();
});
afterAll(async () => {
  await work?.remove();
});

const note = { orderId: 42, status: 'completed', step: 'note' } as const;
const email = { orderId: 42, status: 'completed', step: 'email' } as const;

it('keeps what was sent across a restart; a claim left unsettled by a dead process reads as uncertain', async () => {
  const path = join(work.dir, 'steps.ndjson');
  const first = new FileStepLedger(path);
  expect(await first.claim(note, { ttlMs: 60_000 })).toBe('claimed');
  expect(await first.claim(note, { ttlMs: 60_000 })).toBe('pending');
  await first.settle(note, 'done');
  expect(await first.claim(email, { ttlMs: 60_000 })).toBe('claimed');
  // The process dies here: no settle, no close. A line torn by the crash is ignored.
  await appendFile(path, '{"k":"42:completed:em');

  const second = new FileStepLedger(path);
  expect(await second.claim(note, { ttlMs: 60_000 })).toBe('done');
  expect(await second.claim(email, { ttlMs: 60_000 })).toBe('uncertain');
  await second.settle({ orderId: 7, status: 'processing', step: 'note' }, null);
  expect(await second.claim({ orderId: 7, status: 'processing', step: 'note' }, { ttlMs: 1 })).toBe('claimed');
  await second.forget([42]);
  expect(await second.claim(note, { ttlMs: 60_000 })).toBe('claimed');
  await second.close();
  // Rewritten compactly on open: one line per step, no torn line left.
  expect((await readFile(path, 'utf8')).split('\n')[0]).toMatch(/^\{"k":"42:completed:(note|email)"/);
});
