/**
 * What became of an order's one-shot steps (note, email), so that syncing it again (a re-run of
 * failures, a webhook delivered twice) does not write them twice. `done`: it landed. `uncertain`:
 * its request timed out, so it most likely landed; a re-run skips it unless told to resend.
 * Keyed by order id and status: a new status is a new step. Bounded like the contact cache.
 */
export type OneShotStep = 'note' | 'email';
export type StepState = 'done' | 'uncertain';

export class CompletedSteps {
  readonly #steps = new Map<string, Map<OneShotStep, StepState>>();

  constructor(private readonly limit = 10_000) {}

  #key(orderId: number, status: string): string {
    return `${orderId}:${status}`;
  }

  get(orderId: number, status: string, step: OneShotStep): StepState | undefined {
    return this.#steps.get(this.#key(orderId, status))?.get(step);
  }

  set(orderId: number, status: string, step: OneShotStep, state: StepState): void {
    const key = this.#key(orderId, status);
    const steps = this.#steps.get(key) ?? new Map<OneShotStep, StepState>();
    steps.set(step, state);
    this.#steps.delete(key);
    this.#steps.set(key, steps);
    if (this.#steps.size > this.limit) {
      const oldest = this.#steps.keys().next().value;
      if (oldest !== undefined) this.#steps.delete(oldest);
    }
  }
}
