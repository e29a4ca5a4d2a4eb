/**
 * The record of one-shot steps (an order's note, its status email, the lowering of the lifetime
 * total for a refund), so that nothing happens twice:
 * not by a re-run of failures, not by a webhook delivered twice, not by two processes at once.
 * A sender claims a step before its request leaves and settles the claim after:
 * - `done`: it landed;
 * - `uncertain`: its request timed out, so it most likely landed (a re-run skips it unless told to resend);
 * - released (`null`): provably not applied (refused connection, 5xx, 429, `success:false`), so it may be sent again.
 * A claim whose sender died before settling reads as `uncertain` once `ttlMs` has passed.
 * Keyed by order id and status: a new status is a new step.
 */
export type OneShotStep = 'note' | 'email' | 'refund';

export interface StepKey {
  orderId: number;
  status: string;
  step: OneShotStep;
}

/** What stands when a claim is refused: it landed, it may have, or another sender holds a live claim. */
export type StepState = 'done' | 'uncertain' | 'pending';

export interface StepLedger {
  /** Atomically claims the step: `'claimed'` when this caller may send it, else what stands in the way. */
  claim(key: StepKey, options: { ttlMs: number }): Promise<'claimed' | StepState>;
  /** Settles this caller's claim. `null` releases it: the step did not happen. */
  settle(key: StepKey, outcome: 'done' | 'uncertain' | null): Promise<void>;
  /** Records a state learnt elsewhere (a failure record's `completedSteps` fed back in). */
  record(key: StepKey, state: 'done' | 'uncertain'): Promise<void>;
  /** Forgets every step of these orders (erasure of a customer). */
  forget(orderIds: readonly number[]): Promise<void>;
}

type Entry = { state: 'done' | 'uncertain' } | { state: 'claimed'; until: number };

/** The in-process ledger: bounded, oldest entries go first. */
export class MemoryStepLedger implements StepLedger {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly limit = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  #key({ orderId, status, step }: StepKey): string {
    return `${orderId}:${status}:${step}`;
  }

  #put(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (this.#entries.size > this.limit) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  async claim(key: StepKey, { ttlMs }: { ttlMs: number }): Promise<'claimed' | StepState> {
    const id = this.#key(key);
    const entry = this.#entries.get(id);
    if (entry?.state === 'claimed') return entry.until > this.now() ? 'pending' : 'uncertain';
    if (entry) return entry.state;
    this.#put(id, { state: 'claimed', until: this.now() + ttlMs });
    return 'claimed';
  }

  async settle(key: StepKey, outcome: 'done' | 'uncertain' | null): Promise<void> {
    const id = this.#key(key);
    if (outcome === null) this.#entries.delete(id);
    else this.#put(id, { state: outcome });
  }

  async record(key: StepKey, state: 'done' | 'uncertain'): Promise<void> {
    const id = this.#key(key);
    // What landed stays landed: a stale record cannot turn `done` back into `uncertain`.
    if (this.#entries.get(id)?.state === 'done') return;
    this.#put(id, { state });
  }

  async forget(orderIds: readonly number[]): Promise<void> {
    const prefixes = orderIds.map((id) => `${id}:`);
    for (const key of [...this.#entries.keys()]) {
      if (prefixes.some((prefix) => key.startsWith(prefix))) this.#entries.delete(key);
    }
  }
}
