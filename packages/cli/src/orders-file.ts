import { createReadStream } from 'node:fs';
import type { BackfillItem } from '@mautic-woo/sync';
import { countArrayElements, isJsonSpace, readJsonArrayOrders } from './json-array-orders';
import { countLines, type MalformedEntry, readNdjsonOrders } from './ndjson-orders';

/** A file of orders to backfill, in the format its first character says. */
export interface OrdersFile {
  format: 'ndjson' | 'json-array';
  /** How the file is read, for the messages. */
  description: string;
  /** What a malformed entry's position counts. */
  unit: 'line' | 'item';
  read(onMalformed: (entry: MalformedEntry) => void): AsyncGenerator<BackfillItem>;
  /** Entries in the file, by streaming it once more (only worth it for a progress bar). */
  count(): Promise<number>;
}

async function firstSignificantChar(path: string): Promise<string | null> {
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 4096 })) {
    const text = chunk as string;
    for (let i = 0; i < text.length; i++) if (!isJsonSpace(text.charCodeAt(i))) return text[i] as string;
  }
  return null;
}

/**
 * `[` first (white space aside) is a JSON array, what `GET /wp-json/wc/v3/orders` returns; anything
 * else is NDJSON, one order per line, which is also what a failures file holds.
 */
export async function openOrdersFile(path: string): Promise<OrdersFile> {
  if ((await firstSignificantChar(path)) === '[') {
    return {
      format: 'json-array',
      description: 'JSON array',
      unit: 'item',
      read: (onMalformed) => readJsonArrayOrders(path, onMalformed),
      count: () => countArrayElements(path),
    };
  }
  return {
    format: 'ndjson',
    description: 'NDJSON, one order per line',
    unit: 'line',
    read: (onMalformed) => readNdjsonOrders(path, onMalformed),
    count: () => countLines(path),
  };
}
