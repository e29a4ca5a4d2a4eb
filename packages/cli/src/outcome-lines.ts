import type { WorkflowStep } from '@mautic-woo/sync';

export type Mark = 'ok' | 'warn' | 'fail' | 'info';

/** One line under a step: what came out of it, marked ✓, !, ✗ or ·. */
export interface OutcomeLine {
  mark: Mark;
  text: string;
}

/** An error as one line; the library redacts secrets when it builds its errors, so this is safe to print. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** The workflow steps a sync reported, as outcome lines. */
export function stepLines(steps: WorkflowStep[], labels: Partial<Record<WorkflowStep['step'], string>> = {}) {
  const lines: OutcomeLine[] = [];
  for (const s of steps) {
    const label = labels[s.step] ?? s.step;
    if (s.status === 'ok') lines.push({ mark: 'ok', text: s.detail ? `${label}: ${s.detail}` : label });
    else if (s.status === 'skipped') lines.push({ mark: 'info', text: `${label}: skipped` });
    else lines.push({ mark: 'fail', text: `${label} failed: ${s.detail ?? 'no reason given'}` });
  }
  return lines;
}
