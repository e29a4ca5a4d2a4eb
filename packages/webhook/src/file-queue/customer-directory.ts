import { type CustomerDirectory, RecentCustomers, requireCustomer, requireCustomerId } from '../customer-directory';
import { StateFile } from './state-file';

/** `e: null`: the customer was erased (the email dropped, the id kept). */
type Line = { i: number; e: string | null };

/**
 * Customer id → email in a file next to the embedded queue's journal, so a `customer.deleted`
 * arriving after a restart still finds the email the customer's earlier deliveries brought (the
 * default directory lives in memory and starts empty). Each change is appended and fsynced before
 * its promise resolves; a customer seen again with the same email writes nothing. An erased customer's
 * email is gone from the file when it is next opened, which rewrites it compactly; the id stays, as
 * erased. The
 * newest `limit` customers are kept (default 100,000): the least recently seen go first, and across
 * a reopen the least recently written. It belongs to one process, as the queue directory does.
 */
export class FileCustomerDirectory implements CustomerDirectory {
  readonly #customers: RecentCustomers;
  readonly #file: StateFile<Line>;

  constructor(path: string, options: { limit?: number } = {}) {
    const customers = new RecentCustomers(options.limit ?? 100_000);
    this.#customers = customers;
    this.#file = new StateFile<Line>(path, {
      replay: (line) => {
        if (!Number.isSafeInteger(line?.i) || line.i <= 0) return;
        if (typeof line.e === 'string' && line.e !== '') customers.set(line.i, line.e);
        else if (line.e === null) customers.set(line.i, null);
      },
      snapshot: () => [...customers.entries()].map(([i, e]) => ({ i, e })),
    });
  }

  async remember(customerId: number, email: string): Promise<void> {
    requireCustomer(customerId, email);
    await this.#file.open();
    if (this.#customers.set(customerId, email)) await this.#file.append({ i: customerId, e: email });
  }

  async emailOf(customerId: number): Promise<string | null | undefined> {
    requireCustomerId(customerId);
    await this.#file.open();
    return this.#customers.get(customerId);
  }

  async forget(customerId: number): Promise<void> {
    requireCustomerId(customerId);
    await this.#file.open();
    if (this.#customers.set(customerId, null)) await this.#file.append({ i: customerId, e: null });
  }

  close(): Promise<void> {
    return this.#file.close();
  }
}
