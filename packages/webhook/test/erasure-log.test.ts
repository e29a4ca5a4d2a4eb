import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emailHash, MauticInvalidInputError } from '@mautic-woo/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FileErasureLog, WebhookConfigError } from '../src';
import { tempDir } from './helpers';

let work: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  work = await tempDir();
});
afterAll(async () => {
  await work?.remove();
});

const T0 = Date.UTC(2026, 10, 1, 10, 0, 0);

it('keeps tombstones across close and reopen, moves a time on and never back, and writes no email', async () => {
  const path = join(work.dir, 'erasures.ndjson');
  const jane = await emailHash('Jane.Doe@example.com');
  const john = await emailHash('john@example.com');
  const first = new FileErasureLog(path);
  expect(await first.erasedAt(jane)).toBeUndefined();
  await first.record(jane, T0);
  await first.record(jane, T0 + 5000);
  await first.record(jane, T0 + 1000); // an older erasure arriving late
  await first.record(john, T0);
  expect(await first.erasedAt(jane)).toBe(T0 + 5000);
  await first.close();
  expect((await readFile(path, 'utf8')).toLowerCase()).not.toMatch(/jane|john|example/);

  const second = new FileErasureLog(path);
  expect(await second.erasedAt(jane)).toBe(T0 + 5000);
  expect(await second.erasedAt(john)).toBe(T0);
  await second.record(jane, T0 + 2000);
  await second.close();
  // Compacted on open: one line per email; an older time in the file after the newer one changes nothing.
  const lines = (await readFile(path, 'utf8')).trim().split('\n');
  expect(lines).toHaveLength(2);
  await appendFile(path, `${JSON.stringify({ h: jane, t: T0 })}\n`);
  const third = new FileErasureLog(path);
  expect(await third.erasedAt(jane)).toBe(T0 + 5000);
  await third.close();
});

it('ignores a line torn by a crash, and goes on appending after it', async () => {
  const path = join(work.dir, 'torn.ndjson');
  const jane = await emailHash('jane@example.com');
  const john = await emailHash('john@example.com');
  const first = new FileErasureLog(path);
  await first.record(jane, T0);
  // The process dies here, half-way through its next line.
  await appendFile(path, `{"h":"${john}","t":17`);

  const second = new FileErasureLog(path);
  expect(await second.erasedAt(jane)).toBe(T0);
  expect(await second.erasedAt(john)).toBeUndefined();
  await second.record(john, T0 + 1);
  await second.close();
  const third = new FileErasureLog(path);
  expect(await third.erasedAt(john)).toBe(T0 + 1);
  expect(await third.erasedAt(jane)).toBe(T0);
  await third.close();
  await first.close();
});

it('keeps the newest `limit` erasures: the oldest go first, also across a reopen', async () => {
  const path = join(work.dir, 'limit.ndjson');
  const hashes = await Promise.all([0, 1, 2, 3].map((n) => emailHash(`c${n}@example.com`)));
  const [c0, c1, c2, c3] = hashes as [string, string, string, string];
  const first = new FileErasureLog(path, { limit: 3 });
  await first.record(c0, T0);
  await first.record(c1, T0);
  await first.record(c2, T0);
  await first.record(c0, T0 + 1); // erased again: now the newest
  await first.record(c3, T0);
  expect(await first.erasedAt(c1)).toBeUndefined();
  expect(await first.erasedAt(c0)).toBe(T0 + 1);
  await first.close();

  const second = new FileErasureLog(path, { limit: 2 });
  expect(await second.erasedAt(c2)).toBeUndefined();
  expect(await second.erasedAt(c0)).toBe(T0 + 1);
  expect(await second.erasedAt(c3)).toBe(T0);
  await second.close();
});

it('refuses a bad limit and anything but an email hash and epoch ms, without repeating the value', async () => {
  const path = join(work.dir, 'bad.ndjson');
  expect(() => new FileErasureLog(path, { limit: 0 })).toThrow(WebhookConfigError);
  expect(() => new FileErasureLog(path, { limit: 1.5 })).toThrow(WebhookConfigError);
  const log = new FileErasureLog(path);
  const error = await log.record('jane@example.com', T0).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MauticInvalidInputError);
  expect((error as Error).message).not.toContain('jane');
  await expect(log.erasedAt('jane@example.com')).rejects.toThrow(MauticInvalidInputError);
  await expect(log.record(await emailHash('jane@example.com'), Number.NaN)).rejects.toThrow(MauticInvalidInputError);
  await log.close();
});
