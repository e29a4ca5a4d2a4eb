import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { BackfillItem } from '@mautic-woo/sync';
import { parseBackfillItem } from './backfill-item';

/** An input entry that is not an order; it is counted as a failure, never skipped in silence. */
export interface MalformedEntry {
  /** 1-based: the line of an NDJSON file, the element of a JSON array. */
  position: number;
  reason: string;
}

/**
 * The orders of an NDJSON file, read line by line so a file of any size stays out of memory.
 * Blank lines are not orders and are passed over; every other line is an order or is reported
 * to `onMalformed` with its number and reason.
 */
export async function* readNdjsonOrders(
  path: string,
  onMalformed: (entry: MalformedEntry) => void,
): AsyncGenerator<BackfillItem> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let number = 0;
  try {
    for await (const text of lines) {
      number++;
      const trimmed = text.trim();
      if (trimmed === '') continue;
      const parsed = parseBackfillItem(trimmed);
      if ('problem' in parsed) onMalformed({ position: number, reason: parsed.problem });
      else yield parsed.item;
    }
  } finally {
    lines.close();
  }
}

/** Non-blank lines in the file, counted by streaming it (for the progress bar's ETA). */
export async function countLines(path: string): Promise<number> {
  let count = 0;
  let lineHasText = false;
  for await (const chunk of createReadStream(path)) {
    for (const byte of chunk as Buffer) {
      if (byte === 0x0a) {
        if (lineHasText) count++;
        lineHasText = false;
      } else if (byte !== 0x20 && byte !== 0x0d && byte !== 0x09) {
        lineHasText = true;
      }
    }
  }
  return lineHasText ? count + 1 : count;
}
