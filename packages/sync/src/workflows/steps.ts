import { MauticError } from '../errors';

export type StepName = 'fields' | 'totals' | 'contact' | 'consent' | 'refund' | 'note' | 'email' | 'segment' | 'coupon';

/** One step of a workflow and how it ended: a failed step always carries its typed error. */
export type WorkflowStep =
  | { step: StepName; status: 'ok' | 'skipped'; detail?: string }
  | { step: StepName; status: 'failed'; detail: string; error: MauticError };

export function toMauticError(error: unknown): MauticError {
  return error instanceof MauticError ? error : new MauticError(String(error), { cause: error });
}

/** Runs a step that may fail without undoing what came before; its error is kept, not thrown. */
export async function runStep(
  steps: WorkflowStep[],
  step: StepName,
  action: () => Promise<string | undefined>,
): Promise<{ ok: true } | { ok: false; error: MauticError }> {
  try {
    const detail = await action();
    steps.push(detail === undefined ? { step, status: 'ok' } : { step, status: 'ok', detail });
    return { ok: true };
  } catch (error) {
    const typed = toMauticError(error);
    steps.push({ step, status: 'failed', detail: typed.message, error: typed });
    return { ok: false, error: typed };
  }
}
