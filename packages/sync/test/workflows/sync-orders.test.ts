import { type FakeMauticServer, startFakeMautic } from '@mautic-woo/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type BackfillProgress,
  MAUTIC_WOO_FIELDS,
  MauticAbortError,
  MauticInvalidInputError,
  MauticServerError,
  type WooOrder,
} from '../../src';

import { basicClient, recorded } from '../helpers/harness';
import { manyOrders } from '../helpers/woo-fixtures';

let fake: FakeMauticServer;
beforeEach(async () => {
  fake = await startFakeMautic({ fields: MAUTIC_WOO_FIELDS.map((f) => f.alias) });
});
afterEach(async () => {
  await fake.close();
});

const orderIdOfNote = (text: string) => Number(/#(\d+)/.exec(text)?.[1]);

async function* slowly(orders: Iterable<WooOrder>): AsyncGenerator<WooOrder> {
  for (const order of orders) {
    await new Promise((resolve) => setImmediate(resolve));
    yield order;
  }
}

describe('syncOrders', () => {
  it('backfills 2,000 orders with injected failures: every order has one outcome, none lost, none doubled', async () => {
    // Permanent faults: customer7's contact write fails; notes of orders ending in 13 fail once.
    const failedNotes = new Set<number>();
    fake.fail('POST', '/api/contacts/new', (r) =>
      (r.body as { email?: string }).email === 'customer7@example.com'
        ? { status: 500, json: { errors: [{ code: 500, message: 'Looks like I encountered an error' }] } }
        : undefined,
    );
    fake.fail('POST', '/api/notes/new', (r) => {
      const id = orderIdOfNote((r.body as { text: string }).text);
      if (id % 100 === 13 && !failedNotes.has(id)) {
        failedNotes.add(id);
        return { status: 503, body: '<html><title>503 Service Unavailable</title></html>' };
      }
      return undefined;
    });
    const progress: BackfillProgress[] = [];
    const client = basicClient(fake.server, { logger: undefined });
    const summary = await client.syncOrders(slowly(manyOrders(2000, 700)), {
      concurrency: 8,
      note: true,
      emailOnStatus: { completed: 5 },
      onProgress: (p) => progress.push(p),
    });
    recorded.errors.push(...summary.failures.map((f) => f.error));

    const customer7 = [...manyOrders(2000, 700)].filter((o) => o.billing?.email === 'customer7@example.com');
    expect(summary.total).toBe(2000);
    expect(summary.ok + summary.failed).toBe(2000);
    expect(summary.failed).toBe(customer7.length + failedNotes.size);
    expect(summary.failures.filter((f) => f.error instanceof MauticServerError)).toHaveLength(summary.failed);
    expect(progress.at(-1)).toMatchObject({ done: 2000, inFlight: 0 });
    expect(Math.max(...progress.map((p) => p.inFlight))).toBeLessThanOrEqual(8);

    // Orders of one customer never raced into two contacts.
    expect(fake.mautic.duplicateContacts()).toEqual([]);
    expect(fake.mautic.contacts.length).toBe(699);
    // No order has two notes or two emails.
    const notes = fake.mautic.notes.map((n) => orderIdOfNote(n.text));
    expect(new Set(notes).size).toBe(notes.length);
    // The orders whose note failed did get their email: the failure says so.
    const noteFailures = summary.failures.filter((f) => failedNotes.has(f.order.id));
    expect(noteFailures.every((f) => f.completedSteps.join() === 'email')).toBe(true);

    // Feeding the failures back in, even to a new client (another process), completes the ones
    // whose fault has passed and sends no email twice.
    const again = await basicClient(fake.server, { logger: undefined }).syncOrders(summary.failures, {
      concurrency: 8,
      note: true,
      emailOnStatus: { completed: 5 },
    });
    expect(again.ok).toBe(failedNotes.size);
    expect(again.failed).toBe(customer7.length);
    const emailed = fake.mautic.emails.map((e) => e.tokens['{order_number}']);
    expect(new Set(emailed).size).toBe(emailed.length);
    expect(fake.mautic.notes).toHaveLength(2000 - customer7.length);
    recorded.errors.push(...again.failures.map((f) => f.error));
  }, 120_000);

  it('an invalid order fails with its reason and the rest go on', async () => {
    const orders = [...manyOrders(3, 3)];
    (orders[1] as WooOrder).billing = { ...(orders[1] as WooOrder).billing, email: '' };
    const summary = await basicClient(fake.server).syncOrders(orders);
    expect(summary).toMatchObject({ total: 3, ok: 2, failed: 1 });
    expect(summary.failures[0]?.error).toBeInstanceOf(MauticInvalidInputError);
    expect(summary.failures[0]?.order.id).toBe(orders[1]?.id);
  });

  it('stops reading on abort; what started still ends with an outcome', async () => {
    const controller = new AbortController();
    let read = 0;
    function* counted() {
      for (const order of manyOrders(1000, 1000)) {
        read++;
        if (read === 20) controller.abort();
        yield order;
      }
    }
    const summary = await basicClient(fake.server).syncOrders(counted(), {
      concurrency: 4,
      signal: controller.signal,
    });
    expect(summary.aborted).toBe(true);
    expect(read).toBeLessThan(30);
    expect(summary.total).toBe(summary.ok + summary.failed);
    expect(summary.failures.every((f) => f.error instanceof MauticAbortError)).toBe(true);
  });

  it('refuses a concurrency that is not 1 to 64', async () => {
    await expect(basicClient(fake.server).syncOrders([], { concurrency: 0 })).rejects.toBeInstanceOf(
      MauticInvalidInputError,
    );
  });
});
