import type { BackfillItem, OneShotStep } from '@mautic-woo/sync';

/** Why a value is not an order, or null when it is one. */
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
 * A value as the backfill takes it: a WooCommerce order, or a failure record that an earlier
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

/** JSON text → a backfill item, or why it is not one. */
export function parseBackfillItem(text: string): { item: BackfillItem } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `not valid JSON (${(error as Error).message})` };
  }
  return backfillItem(value);
}
