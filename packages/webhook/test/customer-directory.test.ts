import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MauticInvalidInputError } from '@mautic-woo/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FileCustomerDirectory, MemoryCustomerDirectory, WebhookConfigError } from '../src';
import { tempDir } from './helpers';

let work: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  work = await tempDir();
});
afterAll(async () => {
  await work?.remove();
});

it('keeps customers across close and reopen, the newest email of each, and an erased one as erased', async () => {
  const path = join(work.dir, 'customers.ndjson');
  const first = new FileCustomerDirectory(path);
  expect(await first.emailOf(7)).toBeUndefined();
  await first.remember(7, 'old@example.com');
  await first.remember(7, 'jane@example.com');
  await first.remember(8, 'john@example.com');
  await first.remember(9, 'erased@example.com');
  await first.forget(9);
  await first.close();

  const second = new FileCustomerDirectory(path);
  expect(await second.emailOf(7)).toBe('jane@example.com');
  expect(await second.emailOf(8)).toBe('john@example.com');
  expect(await second.emailOf(9)).toBeNull();
  await second.close();
  // Rewritten compactly on open: the erased customer's email is gone from the file, not just hidden; its id stays.
  const text = await readFile(path, 'utf8');
  expect(text).not.toContain('erased@example.com');
  expect(text).not.toContain('old@example.com');
  expect(text.trim().split('\n')).toHaveLength(3);
  const third = new FileCustomerDirectory(path);
  expect(await third.emailOf(9)).toBeNull();
  await third.close();
});

it('ignores a line torn by a crash, and goes on appending after it', async () => {
  const path = join(work.dir, 'torn.ndjson');
  const first = new FileCustomerDirectory(path);
  await first.remember(1, 'jane@example.com');
  await first.close();
  // The process dies half-way through its next line.
  await appendFile(path, '{"i":2,"e":"john@exa');

  const second = new FileCustomerDirectory(path);
  expect(await second.emailOf(1)).toBe('jane@example.com');
  expect(await second.emailOf(2)).toBeUndefined();
  await second.remember(2, 'john@example.com');
  await second.close();
  const third = new FileCustomerDirectory(path);
  expect(await third.emailOf(2)).toBe('john@example.com');
  expect(await third.emailOf(1)).toBe('jane@example.com');
  await third.close();
});

it('keeps the newest `limit` customers: the least recently seen go first, also across a reopen', async () => {
  const path = join(work.dir, 'limit.ndjson');
  const first = new FileCustomerDirectory(path, { limit: 3 });
  await first.remember(1, 'c1@example.com');
  await first.remember(2, 'c2@example.com');
  await first.remember(3, 'c3@example.com');
  await first.remember(1, 'c1-new@example.com'); // seen again: now the newest
  await first.remember(4, 'c4@example.com');
  expect(await first.emailOf(2)).toBeUndefined();
  expect(await first.emailOf(1)).toBe('c1-new@example.com');
  await first.close();

  const second = new FileCustomerDirectory(path, { limit: 2 });
  expect(await second.emailOf(3)).toBeUndefined();
  expect(await second.emailOf(1)).toBe('c1-new@example.com');
  expect(await second.emailOf(4)).toBe('c4@example.com');
  await second.close();
});

it('the memory directory keeps the newest `limit` customers too', async () => {
  const memory = new MemoryCustomerDirectory({ limit: 2 });
  await memory.remember(1, 'c1@example.com');
  await memory.remember(2, 'c2@example.com');
  await memory.remember(1, 'c1@example.com');
  await memory.remember(3, 'c3@example.com');
  expect(await memory.emailOf(2)).toBeUndefined();
  expect(await memory.emailOf(1)).toBe('c1@example.com');
  await memory.forget(1);
  expect(await memory.emailOf(1)).toBeNull();
  expect(await memory.emailOf(3)).toBe('c3@example.com');
});

it('refuses a bad limit, id or email without repeating the value', async () => {
  const path = join(work.dir, 'bad.ndjson');
  expect(() => new FileCustomerDirectory(path, { limit: 0 })).toThrow(WebhookConfigError);
  expect(() => new MemoryCustomerDirectory({ limit: 1.5 })).toThrow(WebhookConfigError);
  for (const directory of [new FileCustomerDirectory(path), new MemoryCustomerDirectory()]) {
    const error = await directory.remember(0, 'jane@example.com').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MauticInvalidInputError);
    expect((error as Error).message).not.toContain('jane');
    await expect(directory.remember(5, '')).rejects.toThrow(MauticInvalidInputError);
    await expect(directory.emailOf(Number.NaN)).rejects.toThrow(MauticInvalidInputError);
    await expect(directory.forget(-1)).rejects.toThrow(MauticInvalidInputError);
    if (directory instanceof FileCustomerDirectory) await directory.close();
  }
  // Refused before the file was even opened: nothing was written.
  await expect(readFile(path, 'utf8')).rejects.toThrow(/ENOENT/);
});
