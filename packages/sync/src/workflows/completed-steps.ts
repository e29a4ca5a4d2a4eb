/**
 * The one-shot steps (note, email) an order has already completed, so that syncing it again
 * (a re-run of failures, a webhook delivered twice) does not write them twice. Keyed by order id
 * and status: a new status is a new step. Bounded like the contact cache.
 */
export type OneShotStep = 'note' | 'email';

export class CompletedSteps {
  readonly #done = new Map<string, Set<OneShotStep>>();

  constructor(private readonly limit = 10_000) {}

  #key(orderId: number, status: string): string {
    return `${orderId}:${status}`;
  }

  get(orderId: number, status: string): ReadonlySet<OneShotStep> {
    return this.#done.get(this.#key(orderId, status)) ?? new Set();
  }

  add(orderId: number, status: string, step: OneShotStep): void {
    const key = this.#key(orderId, status);
    const steps = this.#done.get(key) ?? new Set<OneShotStep>();
    steps.add(step);
    this.#done.delete(key);
    this.#done.set(key, steps);
    if (this.#done.size > this.limit) {
      const oldest = this.#done.keys().next().value;
      if (oldest !== undefined) this.#done.delete(oldest);
    }
  }
}
