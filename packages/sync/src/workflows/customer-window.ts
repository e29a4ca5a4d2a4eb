import type { WooOrder } from '../woo';
import { CustomerHistory, type CustomerHistoryOptions, type CustomerSummary } from '../woo/customer-history';
import { customerKey } from './resources';

export interface WindowEntry {
  key: string;
  history: CustomerHistory;
  /** Lifetime totals the caller gave (`customerTotalsFor`), written instead of the folded ones. */
  totals?: CustomerTotals | undefined;
}

export interface CustomerTotals {
  totalSpent: number | string;
  orderCount: number;
}

/**
 * The customers a batch backfill holds: one folded history per customer, least recently seen
 * first. A customer's orders fold into one entry while it is in the window; when the window is
 * over its size the least recently seen customers leave it to be written. A customer seen again
 * after leaving starts a new entry, written again later with what that entry holds (see the
 * README's "Batch backfill"). A customer whose write is in flight is not taken again until it
 * settles, so one email never has two writes in flight (two could both create the contact).
 */
export class CustomerWindow {
  readonly #entries = new Map<string, WindowEntry>();
  readonly #writing = new Set<string>();
  readonly #options: CustomerHistoryOptions;

  constructor(options: CustomerHistoryOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Folds an order in. Throws MauticInvalidInputError for an order with no usable billing email. */
  add(order: WooOrder, totals?: CustomerTotals): void {
    const key = customerKey(String(order.billing?.email ?? ''));
    const entry = this.#entries.get(key);
    if (entry) {
      entry.history.add(order);
      entry.totals = totals ?? entry.totals;
      this.#touch(entry);
    } else {
      const history = new CustomerHistory(order, this.#options);
      this.#touch({ key: customerKey(history.email), history, totals });
    }
  }

  /** An earlier failure record's customer, folded with any orders of theirs already held. */
  addSummary(summary: CustomerSummary): void {
    const key = customerKey(summary.email);
    const entry = this.#entries.get(key);
    if (entry) {
      entry.history.absorb(summary);
      this.#touch(entry);
    } else this.#touch({ key, history: new CustomerHistory(summary, this.#options) });
  }

  /** Up to `count` least recently seen customers with no write in flight, out of the window and marked in flight. */
  take(count: number): WindowEntry[] {
    const taken: WindowEntry[] = [];
    for (const entry of this.#entries.values()) {
      if (taken.length >= count) break;
      if (this.#writing.has(entry.key)) continue;
      taken.push(entry);
    }
    for (const entry of taken) {
      this.#entries.delete(entry.key);
      this.#writing.add(entry.key);
    }
    return taken;
  }

  /** The write of these customers has settled. */
  settle(entries: readonly WindowEntry[]): void {
    for (const entry of entries) this.#writing.delete(entry.key);
  }

  #touch(entry: WindowEntry): void {
    this.#entries.delete(entry.key);
    this.#entries.set(entry.key, entry);
  }
}
