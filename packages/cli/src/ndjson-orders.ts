import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { BackfillItem, OneShotStep } from '@mautic-woo/sync';

/** A line that is not an order; it is counted as a failure, never skipped in silence. */
export interface MalformedLine {
  line: number;
  reason: string;
}

/** Why a line is not an order, or null when it is one. */
export function orderProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`;
  }
  const id = (value as { id?: unknown }).id;
  if (!Number.isSafeInteger(id) || (id as number) < 1)
    return `"id" must be a positive integer, got ${JSON.stringify(id)}`;
  return null;
}

const STEPS: readonly OneShotStep[] = ['note', 'email'];

/**
 * A line as the backfill takes it: a WooCommerce order, or a failure record that an earlier
 * backfill wrote (`{ order, completedSteps, uncertainSteps, error }`), whose steps are not repeated.
 */
export function backfillItem(value: unknown): { item: BackfillItem } | { problem: string } {
  const record = value as { order?: unknown; completedSteps?: unknown; uncertainSteps?: unknown } | null;
  if (record && typeof record === 'object' && !Array.isArray(record) && 'order' in record) {
    const problem = orderProblem(record.order);
    if (problem) return { problem: `not a failure record: its order: ${problem}` };
    const completedSteps = record.completedSteps ?? [];
    const uncertainSteps = record.uncertainSteps ?? [];
    for (const [name, steps] of Object.entries({ completedSteps, uncertainSteps })) {
      if (!Array.isArray(steps) || !steps.every((step) => STEPS.includes(step))) {
        return { problem: `not a failure record: "${name}" must list "note" and/or "email"` };
      }
    }
    return { item: { order: record.order, completedSteps, uncertainSteps } as BackfillItem };
  }
  const problem = orderProblem(value);
  return problem ? { problem: `not a WooCommerce order: ${problem}` } : { item: value as BackfillItem };
}

/**
 * The orders of an NDJSON file, read line by line so a file of any size stays out of memory.
 * Blank lines are not orders and are passed over; every other line is an order or is reported
 * to `onMalformed` with its number and reason.
 */
export async function* readOrders(
  path: string,
  onMalformed: (line: MalformedLine) => void,
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
      let value: unknown;
      try {
        value = JSON.parse(trimmed);
      } catch (error) {
        onMalformed({ line: number, reason: `not valid JSON (${(error as Error).message})` });
        continue;
      }
      const parsed = backfillItem(value);
      if ('problem' in parsed) onMalformed({ line: number, reason: parsed.problem });
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
