import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArrayPiece, countArrayElements, jsonArrayElements } from '../src/json-array-orders';
import type { MalformedEntry } from '../src/ndjson-orders';
import { openOrdersFile } from '../src/orders-file';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mautic-woo-array-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function pieces(text: string, size = text.length || 1): Promise<ArrayPiece[]> {
  const out: ArrayPiece[] = [];
  for await (const piece of jsonArrayElements(chunksOf(text, size))) out.push(piece);
  return out;
}

const TRICKY = [
  { id: 1, note: 'a, b ] c } d [ {', nested: [[1, 2], { x: '"quoted"' }] },
  { id: 2, path: 'C:\\dir\\', emoji: '🛒 ünïcode' },
  3,
  'text, with a comma',
  null,
];

describe('jsonArrayElements', () => {
  it('splits an array into its elements wherever the chunks break', async () => {
    const text = `\uFEFF \n${JSON.stringify(TRICKY, null, 2)}\n`;
    for (const size of [1, 2, 3, 7, 64, text.length]) {
      const out = await pieces(text, size);
      expect(out.every((p) => 'element' in p)).toBe(true);
      expect(out.map((p) => JSON.parse((p as { element: string }).element))).toEqual(TRICKY);
    }
  });

  it('reads arrays one after another (pages saved to one file) and an empty array', async () => {
    const out = await pieces('[{"id":1},{"id":2}]\n[{"id":3}]\n[]');
    expect(out.map((p) => JSON.parse((p as { element: string }).element).id)).toEqual([1, 2, 3]);
    expect(await pieces('[ ]')).toEqual([]);
  });

  it('hands out empty slots as empty elements and says where the file stops being an array', async () => {
    expect(await pieces('[1,,2]')).toEqual([{ element: '1' }, { element: '' }, { element: '2' }]);
    expect(await pieces('[1,]')).toEqual([{ element: '1' }, { element: '' }]);
    expect(await pieces('[{"id":1},{"id":2')).toEqual([
      { element: '{"id":1}' },
      { element: '{"id":2' },
      { broken: 'the file ends before the array\'s closing "]" (cut short?)' },
    ]);
    expect(await pieces('[1] x')).toEqual([{ element: '1' }, { broken: 'unexpected text after the closing "]"' }]);
    expect(await pieces('{"id":1}')).toEqual([{ broken: 'expected a JSON array' }]);
  });
});

describe('openOrdersFile', () => {
  it('reads a JSON array by its first character, reporting what is not an order by position', async () => {
    const file = join(dir, 'orders.json');
    await writeFile(
      file,
      `\n  ${JSON.stringify([{ id: 1 }, [1], { id: 'x' }, { order: { id: 4 } }, { id: 5 }], null, 2)}`,
    );
    const orders = await openOrdersFile(file);
    expect(orders).toMatchObject({ format: 'json-array', description: 'JSON array', unit: 'item' });
    const malformed: MalformedEntry[] = [];
    const items: unknown[] = [];
    for await (const item of orders.read((m) => malformed.push(m))) items.push(item);
    expect(items).toEqual([{ id: 1 }, { order: { id: 4 }, completedSteps: [], uncertainSteps: [] }, { id: 5 }]);
    expect(malformed).toEqual([
      { position: 2, reason: 'not a WooCommerce order: expected a JSON object, got an array' },
      { position: 3, reason: 'not a WooCommerce order: "id" must be a positive integer, got "x"' },
    ]);
    expect(await countArrayElements(file)).toBe(5);
  });

  it('reads anything else as NDJSON, and a cut-short array as far as it goes', async () => {
    const ndjson = join(dir, 'orders.ndjson');
    await writeFile(ndjson, '{"id":1}\n{"id":2}\n');
    expect(await openOrdersFile(ndjson)).toMatchObject({ format: 'ndjson', unit: 'line' });

    const cut = join(dir, 'cut.json');
    await writeFile(cut, '[{"id":1},{"id":2},{"id":');
    const malformed: MalformedEntry[] = [];
    const items: unknown[] = [];
    for await (const item of (await openOrdersFile(cut)).read((m) => malformed.push(m))) items.push(item);
    expect(items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(malformed.map((m) => m.position)).toEqual([3, 4]);
    expect(malformed[0]?.reason).toMatch(/^not valid JSON/);
    expect(malformed[1]?.reason).toContain('closing "]"');
  });
});
