import { MauticError } from '../transport/errors';

/** One step of a workflow and how it ended. */
export interface WorkflowStep {
  step: 'fields' | 'contact' | 'note' | 'email' | 'segment' | 'coupon';
  status: 'ok' | 'skipped' | 'failed';
  detail?: string;
  error?: MauticError;
}

/** Runs a step that may fail without undoing what came before; its error is kept, not thrown. */
export async function runStep(
  steps: WorkflowStep[],
  step: WorkflowStep['step'],
  action: () => Promise<string | undefined>,
): Promise<boolean> {
  try {
    const detail = await action();
    steps.push(detail === undefined ? { step, status: 'ok' } : { step, status: 'ok', detail });
    return true;
  } catch (error) {
    const typed = error instanceof MauticError ? error : new MauticError(String(error), { cause: error });
    steps.push({ step, status: 'failed', detail: typed.message, error: typed });
    return false;
  }
}
