import { createReadStream } from 'node:fs';
import type { BackfillItem } from '@mautic-woo/sync';
import { parseBackfillItem } from './backfill-item';
import type { MalformedEntry } from './ndjson-orders';

/** What the scanner hands out: one element's JSON text, or why the file cannot be read further. */
export type ArrayPiece = { element: string } | { broken: string };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

export function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0xfeff;
}

/**
 * The elements of a top-level JSON array, as text, from a stream of chunks: only the element being
 * read is held in memory, so a file of any size can be backfilled. Strings and nesting are tracked
 * so that commas and brackets inside an order are not taken for separators. Several arrays one
 * after another (pages of `GET /wp-json/wc/v3/orders` saved to one file) read as one. An empty slot
 * (`[1,,2]`, `[1,]`) comes out as an empty element, which then fails to parse: reported, not skipped.
 */
export async function* jsonArrayElements(chunks: AsyncIterable<string>): AsyncGenerator<ArrayPiece> {
  // before: nothing read yet; open: after "[" or ","; element: inside one; closed: after "]".
  let state = 'before' as 'before' | 'open' | 'element' | 'closed';
  let afterComma = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  for await (const chunk of chunks) {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === BACKSLASH) escaped = true;
          else if (c === QUOTE) inString = false;
        } else if (c === QUOTE) {
          inString = true;
        } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          depth++;
        } else if (depth > 0 && (c === CLOSE_BRACE || c === CLOSE_BRACKET)) {
          depth--;
        } else if (depth === 0 && (c === COMMA || c === CLOSE_BRACKET)) {
          parts.push(chunk.slice(start, i));
          yield { element: parts.join('') };
          parts = [];
          state = c === COMMA ? 'open' : 'closed';
          afterComma = c === COMMA;
        }
        continue;
      }
      if (isJsonSpace(c)) continue;
      if (state === 'before' || state === 'closed') {
        if (c !== OPEN_BRACKET) {
          yield { broken: state === 'before' ? 'expected a JSON array' : 'unexpected text after the closing "]"' };
          return;
        }
        state = 'open';
        afterComma = false;
        continue;
      }
      // state === 'open': an element starts here, or the array ends.
      if (c === CLOSE_BRACKET || c === COMMA) {
        if (afterComma || c === COMMA) yield { element: '' };
        state = c === COMMA ? 'open' : 'closed';
        afterComma = c === COMMA;
        continue;
      }
      state = 'element';
      depth = c === OPEN_BRACE || c === OPEN_BRACKET ? 1 : 0;
      inString = c === QUOTE;
      escaped = false;
      start = i;
    }
    if (state === 'element') parts.push(chunk.slice(start));
  }
  if (state === 'element') yield { element: parts.join('') };
  if (state !== 'closed') yield { broken: 'the file ends before the array\'s closing "]" (cut short?)' };
}

function fileChunks(path: string): AsyncIterable<string> {
  return createReadStream(path, { encoding: 'utf8' });
}

/**
 * The orders of a file holding a JSON array of them, as `GET /wp-json/wc/v3/orders` returns them.
 * Every element is an order (or a failure record) or is reported to `onMalformed` with its
 * 1-based position; a file that stops being an array is reported once, and reading stops there.
 */
export async function* readJsonArrayOrders(
  path: string,
  onMalformed: (entry: MalformedEntry) => void,
): AsyncGenerator<BackfillItem> {
  let position = 0;
  for await (const piece of jsonArrayElements(fileChunks(path))) {
    if ('broken' in piece) {
      onMalformed({ position: position + 1, reason: piece.broken });
      return;
    }
    position++;
    const parsed = parseBackfillItem(piece.element);
    if ('problem' in parsed) onMalformed({ position, reason: parsed.problem });
    else yield parsed.item;
  }
}

/** Elements in the array, counted by streaming the file without parsing them (for the progress bar's ETA). */
export async function countArrayElements(path: string): Promise<number> {
  let count = 0;
  for await (const piece of jsonArrayElements(fileChunks(path))) if ('element' in piece) count++;
  return count;
}
