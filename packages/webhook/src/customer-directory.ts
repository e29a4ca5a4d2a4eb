import { MauticInvalidInputError } from '@mautic-woo/sync';
import { WebhookConfigError } from './config-error';

/**
 * WooCommerce customer id → billing email. A `customer.deleted` delivery carries only the id, so
 * the processor learns each customer's email from their earlier deliveries (a customer or an order)
 * and looks it up here to erase the contact; once erased, the email is forgotten and the id kept as
 * erased, so the same deletion delivered again (a crash before the queue recorded it done) is done,
 * not unknown. Pass one shared by every process (on Redis: `RedisCustomerDirectory` of
 * `@mautic-woo/redis`) or one that survives a restart (`FileCustomerDirectory`): the default lives
 * in this process's memory.
 */
export interface CustomerDirectory {
  remember(customerId: number, email: string): Promise<void>;
  /** The email learnt; `null` once the customer was erased (`forget`); undefined when never seen or since dropped. */
  emailOf(customerId: number): Promise<string | null | undefined>;
  /** The customer was erased: drops the email, keeps the id as erased. */
  forget(customerId: number): Promise<void>;
}

// Never echo the email: a message may end up in a log or a dead letter.
export function requireCustomerId(customerId: number): void {
  if (!Number.isSafeInteger(customerId) || customerId <= 0) {
    throw new MauticInvalidInputError(
      'customerId must be a positive integer (the WooCommerce customer id)',
      'customerId',
    );
  }
}

export function requireCustomer(customerId: number, email: string): void {
  requireCustomerId(customerId);
  if (typeof email !== 'string' || email === '')
    throw new MauticInvalidInputError('email must be a non-empty string', 'email');
}

export function requireLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit <= 0) throw new WebhookConfigError('limit must be a positive integer');
  return limit;
}

/**
 * The `limit` customers seen (or erased) most recently, the others dropped; an erased customer's
 * email is `null`. Synchronous, for the stores built on it.
 */
export class RecentCustomers {
  readonly #limit: number;
  readonly #emails = new Map<number, string | null>();

  constructor(limit: number) {
    this.#limit = requireLimit(limit);
  }

  /** True when the stored email changed (a customer seen again with the same email only moves up). */
  set(customerId: number, email: string | null): boolean {
    const changed = this.#emails.get(customerId) !== email;
    this.#emails.delete(customerId);
    this.#emails.set(customerId, email);
    if (this.#emails.size > this.#limit) this.#emails.delete(this.#emails.keys().next().value as number);
    return changed;
  }

  get(customerId: number): string | null | undefined {
    return this.#emails.get(customerId);
  }

  entries(): IterableIterator<[number, string | null]> {
    return this.#emails.entries();
  }
}

/**
 * The default directory: this process's memory, the newest `limit` customers (default 10,000).
 * Another process, or this one after a restart, does not know what it learnt.
 */
export class MemoryCustomerDirectory implements CustomerDirectory {
  readonly #customers: RecentCustomers;

  constructor(options: { limit?: number } = {}) {
    this.#customers = new RecentCustomers(options.limit ?? 10_000);
  }

  async remember(customerId: number, email: string): Promise<void> {
    requireCustomer(customerId, email);
    this.#customers.set(customerId, email);
  }

  async emailOf(customerId: number): Promise<string | null | undefined> {
    requireCustomerId(customerId);
    return this.#customers.get(customerId);
  }

  async forget(customerId: number): Promise<void> {
    requireCustomerId(customerId);
    this.#customers.set(customerId, null);
  }
}
