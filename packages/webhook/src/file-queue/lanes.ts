/**
 * Which delivery runs next. One lane per customer: a lane runs one delivery at a time, in the order
 * they were accepted, and a lane whose head failed waits out its backoff with everything behind it.
 * Every operation is O(log lanes), so a long backlog (Mautic down for hours) stays cheap.
 */
type Waiting = { due: number; lane: string };

export class Lanes {
  readonly #queues = new Map<string, string[]>();
  /** Lanes whose head can run now, oldest first. */
  readonly #ready = new Set<string>();
  readonly #active = new Set<string>();
  /** A binary min-heap of lanes waiting for their head's next attempt. */
  readonly #delayed: Waiting[] = [];

  get activeCount(): number {
    return this.#active.size;
  }

  push(lane: string, id: string): void {
    const queue = this.#queues.get(lane);
    if (queue) {
      queue.push(id);
      return;
    }
    this.#queues.set(lane, [id]);
    this.#ready.add(lane);
  }

  /** The next delivery to run, now marked active; undefined when none is due. */
  take(): { lane: string; id: string } | undefined {
    const lane = this.#ready.values().next().value;
    if (lane === undefined) return undefined;
    this.#ready.delete(lane);
    this.#active.add(lane);
    return { lane, id: (this.#queues.get(lane) as string[])[0] as string };
  }

  /** The lane's head ran: drop it (done or dead-lettered), or keep it for another attempt at `retryAt`. */
  finish(lane: string, outcome: { done: true } | { retryAt: number }): void {
    this.#active.delete(lane);
    const queue = this.#queues.get(lane);
    if (!queue) return;
    if ('retryAt' in outcome) {
      this.#delay(lane, outcome.retryAt);
      return;
    }
    queue.shift();
    if (queue.length === 0) this.#queues.delete(lane);
    // To the back, so one busy customer does not keep the others waiting.
    else this.#ready.add(lane);
  }

  /** Makes lanes whose backoff is over ready; returns when the next one is due, if any waits. */
  promote(now: number): number | undefined {
    while (this.#delayed.length > 0 && this.#due(0) <= now) this.#ready.add(this.#pop().lane);
    return this.#delayed[0]?.due;
  }

  #due(i: number): number {
    return (this.#delayed[i] as Waiting).due;
  }

  #swap(i: number, j: number) {
    const heap = this.#delayed;
    [heap[i], heap[j]] = [heap[j] as Waiting, heap[i] as Waiting];
  }

  #delay(lane: string, due: number) {
    this.#delayed.push({ due, lane });
    for (let i = this.#delayed.length - 1; i > 0 && this.#due((i - 1) >> 1) > due; i = (i - 1) >> 1) {
      this.#swap(i, (i - 1) >> 1);
    }
  }

  #pop(): Waiting {
    const heap = this.#delayed;
    const top = heap[0] as Waiting;
    const last = heap.pop() as Waiting;
    if (heap.length === 0) return top;
    heap[0] = last;
    for (let i = 0; ; ) {
      let smallest = i;
      for (const child of [2 * i + 1, 2 * i + 2]) {
        if (child < heap.length && this.#due(child) < this.#due(smallest)) smallest = child;
      }
      if (smallest === i) return top;
      this.#swap(i, smallest);
      i = smallest;
    }
  }
}
