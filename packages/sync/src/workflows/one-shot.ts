import { likelyApplied, MauticError } from '../errors';
import type { OneShotStep, StepLedger } from '../state/step-ledger';
import { runStep, type WorkflowStep } from './steps';

const UNCERTAIN = 'most likely happened already: an earlier request timed out (resendUncertain repeats it)';

export interface OneShotRun {
  orderId: number;
  status: string;
  steps: WorkflowStep[];
  ledger: StepLedger;
  ttlMs: number;
  /** What a failure record says already happened, or may have. */
  done?: readonly OneShotStep[] | undefined;
  uncertain?: readonly OneShotStep[] | undefined;
  resendUncertain?: boolean | undefined;
}

/**
 * A note or an email: it happens once per order and status. The step is claimed in the ledger
 * before its request leaves and settled after, so a re-run, a redelivered webhook or another
 * process sees it; one whose request timed out most likely happened, and is not repeated unless
 * the caller says so.
 */
export async function runOneShot(
  run: OneShotRun,
  step: OneShotStep,
  wanted: boolean,
  action: () => Promise<string>,
): Promise<void> {
  if (!wanted) {
    run.steps.push({ step, status: 'skipped' });
    return;
  }
  const key = { orderId: run.orderId, status: run.status, step };
  const claimOptions = { ttlMs: run.ttlMs };
  if (run.done?.includes(step)) await run.ledger.record(key, 'done');
  else if (run.uncertain?.includes(step)) await run.ledger.record(key, 'uncertain');

  let claim = await run.ledger.claim(key, claimOptions);
  if (claim === 'uncertain' && run.resendUncertain) {
    await run.ledger.settle(key, null);
    claim = await run.ledger.claim(key, claimOptions);
  }
  if (claim === 'done') {
    run.steps.push({ step, status: 'skipped', detail: 'already done for this order and status' });
    return;
  }
  if (claim === 'uncertain') {
    run.steps.push({ step, status: 'skipped', detail: UNCERTAIN });
    return;
  }
  if (claim === 'pending') {
    const error = new MauticError(`the ${step} of order ${run.orderId} is being sent by another process; try later`);
    run.steps.push({ step, status: 'failed', detail: error.message, error });
    return;
  }
  const result = await runStep(run.steps, step, action);
  await run.ledger.settle(key, result.ok ? 'done' : likelyApplied(result.error) ? 'uncertain' : null);
}
