import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFailuresPath } from '../src/backfill';
import { countLines, type MalformedEntry, readNdjsonOrders } from '../src/ndjson-orders';
import { Progress } from '../src/progress';
import { syncOptionsFrom } from '../src/sync-flags';
import { UsageError } from '../src/usage';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mautic-woo-parts-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('readNdjsonOrders', () => {
  it('yields orders, reports every other non-blank line with its number, and counts lines', async () => {
    const file = join(dir, 'mixed.ndjson');
    await writeFile(
      file,
      '{"id":1}\r\n\n  \nnope\n{"id":"2"}\n"text"\n{"id":3}\n{"order":{"id":4},"completedSteps":["email"],"error":"x"}\n{"order":{"id":5},"completedSteps":["fax"]}',
    );
    const malformed: MalformedEntry[] = [];
    const items: unknown[] = [];
    for await (const item of readNdjsonOrders(file, (m) => malformed.push(m))) items.push(item);
    expect(items).toEqual([{ id: 1 }, { id: 3 }, { order: { id: 4 }, completedSteps: ['email'], uncertainSteps: [] }]);
    expect(malformed.map((m) => m.position)).toEqual([4, 5, 6, 9]);
    expect(malformed[3]?.reason).toContain('completedSteps');
    expect(malformed[0]?.reason).toMatch(/^not valid JSON/);
    expect(malformed[1]?.reason).toBe('not a WooCommerce order: "id" must be a positive integer, got "2"');
    expect(malformed[2]?.reason).toBe('not a WooCommerce order: expected a JSON object, got string');
    expect(await countLines(file)).toBe(7);
  });
});

describe('backfill helpers', () => {
  it('names the failures file after the input', () => {
    expect(defaultFailuresPath('data/orders.ndjson')).toBe('data/orders.failed.ndjson');
    expect(defaultFailuresPath('orders.jsonl')).toBe('orders.failed.ndjson');
    expect(defaultFailuresPath('orders.failed.ndjson')).toBe('orders.failed.failed.ndjson');
    expect(defaultFailuresPath('dump')).toBe('dump.failed.ndjson');
  });

  it('turns sync flags into sync options and refuses a malformed --email-on', () => {
    expect(
      syncOptionsFrom({ note: true, tag: ['a', 'b'], 'sku-tags': true, 'email-on': ['completed=12', 'refunded=3'] }),
    ).toEqual({ note: true, skuTags: true, tags: ['a', 'b'], emailOnStatus: { completed: 12, refunded: 3 } });
    expect(() => syncOptionsFrom({ 'email-on': ['completed'] })).toThrow(UsageError);
    expect(() => syncOptionsFrom({ 'email-on': ['completed=0'] })).toThrow(UsageError);
  });

  it('draws a bar with rate and ETA at a terminal, and plain lines otherwise', () => {
    const written: string[] = [];
    const tty = new Progress({ isTTY: true, columns: 100, write: (t: string) => written.push(t) }, 200);
    tty.update({ done: 50, ok: 48, failed: 2 }, true);
    const ESC = '\u001b';
    expect(written[0]?.startsWith(`\r${ESC}[2K`)).toBe(true);
    expect(written[0]?.slice(5)).toMatch(/^[█░]+ 50\/200 25% +[\d.]+\/s +ETA .+ +✗ 2$/);
    tty.finish();
    expect(written.at(-1)).toBe('\r\u001b[2K');

    const plain: string[] = [];
    const log = new Progress({ isTTY: false, write: (t: string) => plain.push(t) }, null);
    log.update({ done: 10, ok: 9, failed: 1 }, true);
    log.update({ done: 11, ok: 10, failed: 1 });
    expect(plain).toHaveLength(1);
    expect(plain[0]).toMatch(/^backfill: 10 done, 9 ok, 1 failed, [\d.]+ orders\/s\n$/);
  });
});
