/**
 * Which order ids this client has synced for each customer, so that erasing a customer can also
 * forget their orders' entries in the step ledger (the ledger is keyed by order id, not email).
 * Per client and bounded: the oldest customers go first, and at most `ordersPerCustomer` ids are
 * kept each. Orders synced by another process or before a restart are not known here; their
 * ledger entries hold only order ids and steps, and the erasure tombstone (see ErasureLog), not
 * this record, is what stops their webhooks from writing the contact again.
 */
export class CustomerOrders {
  readonly #orders = new Map<string, Set<number>>();

  constructor(
    private readonly limit = 10_000,
    private readonly ordersPerCustomer = 200,
  ) {}

  add(customer: string, orderId: number): void {
    const ids = this.#orders.get(customer) ?? new Set<number>();
    this.#orders.delete(customer);
    this.#orders.set(customer, ids);
    ids.delete(orderId);
    ids.add(orderId);
    if (ids.size > this.ordersPerCustomer) ids.delete(ids.values().next().value as number);
    if (this.#orders.size > this.limit) {
      const oldest = this.#orders.keys().next().value;
      if (oldest !== undefined) this.#orders.delete(oldest);
    }
  }

  /** The customer's order ids, forgotten as they are handed over. */
  take(customer: string): number[] {
    const ids = [...(this.#orders.get(customer) ?? [])];
    this.#orders.delete(customer);
    return ids;
  }
}
