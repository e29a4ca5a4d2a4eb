import { readFileSync } from 'node:fs';
import {
  type BackfillSummary,
  createMauticClient,
  MauticTimeoutError,
  type OrderOutcome,
  type WooOrder,
} from '../../src';
import { type FaultOptions, type FaultServer, mulberry32, startFaultServer } from './fault-server';

/**
 * One backfill scenario: 500 orders (note + email each) through a client on OAuth2 client
 * credentials, against the fault server; then the failures again with the faults off, as
 * BackfillSummary's docs say to retry. Returns everything the assertions need.
 */

export const ORDERS = 500;
export const CUSTOMERS = 300;
export const EMAIL_ID = 12;
const ORDER_FIXTURE = new URL('../../../testkit/fixtures/woocommerce/order-created.docs.json', import.meta.url);

/** 500 orders, distinct ids, 300 customers; some repeat customers write their email in another case. */
export function makeOrders(seed: number): WooOrder[] {
  const random = mulberry32(seed);
  const template = JSON.parse(readFileSync(ORDER_FIXTURE, 'utf8')) as WooOrder;
  return Array.from({ length: ORDERS }, (_, i) => {
    const customer = i < CUSTOMERS ? i : Math.floor(random() * CUSTOMERS);
    const email =
      i >= CUSTOMERS && random() < 0.2 ? `Customer-${customer}@Example.COM` : `customer-${customer}@example.com`;
    const id = 10_000 + i;
    return { ...template, id, number: String(id), status: 'completed', billing: { ...template.billing, email } };
  });
}

export interface Scenario {
  server: FaultServer;
  orders: WooOrder[];
  first: BackfillSummary;
  /** Every outcome of the first run, by order id (an order seen twice would be a bug). */
  outcomes: Map<number, OrderOutcome[]>;
  retry: BackfillSummary;
  retryOutcomes: OrderOutcome[];
  /** Failed orders of the first run whose note (or email) step had succeeded all the same. */
  stepOkButOrderFailed: { note: Set<number>; email: Set<number> };
  /** Failed orders whose note (or email) timed out at the client although Mautic had applied it. */
  timedOutButApplied: { note: Set<number>; email: Set<number> };
  /** Notes and emails per order right after the first run, before the re-run. */
  afterFirst: { notes: Map<number, number>; emails: Map<number, number> };
}

const syncOptions = { concurrency: 8, note: true, emailOnStatus: { completed: EMAIL_ID } };

export async function runScenario(faults: FaultOptions): Promise<Scenario> {
  const server = await startFaultServer(faults);
  const orders = makeOrders(7);
  const clientWith = (timeoutMs: number) =>
    createMauticClient({
      baseUrl: server.url,
      auth: { type: 'oauth2', clientId: server.client.id, clientSecret: server.client.secret },
      timeoutMs,
      tokenTimeoutMs: timeoutMs,
      maxRetries: 2,
      // Short waits keep the suite fast; a 429's reset is 1–2 s ahead, under the 3 s cap.
      retryDelays: { baseDelayMs: 5, maxDelayMs: 40, maxRateLimitWaitMs: 3_000 },
    });
  // Held answers end only when the client gives up (fault-server.ts): no race between the two. The
  // timeout only has to be far above what an answered request takes on a loaded machine, so that
  // held answers are the only timeouts (one that times out before Mautic read it is ambiguous).
  const client = clientWith(5_000);
  const outcomes = new Map<number, OrderOutcome[]>();
  const first = await client.syncOrders(orders, {
    ...syncOptions,
    onResult: (outcome) => {
      outcomes.set(outcome.order.id, [...(outcomes.get(outcome.order.id) ?? []), outcome]);
    },
  });
  // Every held answer has been given up on and counted before the snapshot.
  await server.settled();
  const afterFirst = { notes: new Map(server.mautic.notesByOrder), emails: new Map(server.mautic.emailsByOrder) };
  const stepOkButOrderFailed = { note: new Set<number>(), email: new Set<number>() };
  const timedOutButApplied = { note: new Set<number>(), email: new Set<number>() };
  for (const [id, [outcome]] of outcomes) {
    if (!outcome || outcome.ok) continue;
    for (const step of outcome.result?.steps ?? []) {
      if (step.step !== 'note' && step.step !== 'email') continue;
      const applied = (step.step === 'note' ? afterFirst.notes : afterFirst.emails).get(id) === 1;
      if (step.status === 'ok') stepOkButOrderFailed[step.step].add(id);
      // A timeout is the ambiguous outcome: the caller is told, but cannot know whether it landed.
      else if (step.status === 'failed' && step.error instanceof MauticTimeoutError && applied)
        timedOutButApplied[step.step].add(id);
    }
  }

  server.faults.enabled = false;
  const retryOutcomes: OrderOutcome[] = [];
  // The failures themselves: each carries the note/email steps that did complete. A later run,
  // as a new process would make it, with a timeout no loaded machine comes near.
  const retry = await clientWith(30_000).syncOrders(first.failures, {
    ...syncOptions,
    onResult: (outcome) => void retryOutcomes.push(outcome),
  });
  return {
    server,
    orders,
    first,
    outcomes,
    retry,
    retryOutcomes,
    stepOkButOrderFailed,
    timedOutButApplied,
    afterFirst,
  };
}
