import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMauticClient, MauticError, MauticTimeoutError } from '../../src';
import { CUSTOMERS, ORDERS, runScenario, type Scenario } from './backfill-scenario';
import type { FaultOptions } from './fault-server';
import { startFaultServer } from './fault-server';

/**
 * A 500-order backfill (note + email on every order) against a Mautic that fails ~20% of the
 * requests in every way we know of (resets, 502, 503, 429, HTML pages, late answers, revoked
 * and expiring OAuth2 tokens, `{"success": false}` on email sends), then the failures again
 * with the faults off. Nothing may be lost, nothing done twice, no customer made twice.
 *
 * Late answers go only to requests the client may repeat in the main scenario. A late answer is
 * applied by the server and times out at the client; for a note or an email send the client
 * cannot know it landed, reports the order failed, and a re-run sends it again. No client can
 * avoid that without asking Mautic whether the request landed, so that case has its own
 * scenario below, which pins down the numbers instead of hiding them.
 *
 * Re-running `summary.failures` skips the steps that had completed (each failure carries them),
 * so an order whose note landed but whose email failed gets its email and no second note.
 *
 * Nothing here races the clock: a late answer is held by the server until the client has given up
 * on it (an event), so a loaded machine changes how long the suite takes, not what it sees.
 */

const TYPED_ERRORS = new Set([
  'MauticApiError',
  'MauticAuthError',
  'MauticServerError',
  'MauticRateLimitError',
  'MauticTimeoutError',
  'MauticConnectionError',
]);
// About a dozen held answers per run (see slowEvery), each costing one client timeout.
const faults: FaultOptions = { seed: 20_261_128, rate: 0.2, slowOnlyIdempotent: true, slowEvery: 150 };

const moreThanOne = (map: Map<number, number>) => new Set([...map].filter(([, n]) => n > 1).map(([id]) => id));
const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);

describe('a 500-order backfill under injected faults (late answers only to repeatable requests)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await runScenario(faults);
  }, 180_000);
  afterAll(() => s?.server.close());

  it('ends every order exactly once: ok, or failed with a typed MauticError', () => {
    expect(s.first.total).toBe(ORDERS);
    expect(s.first.ok + s.first.failed).toBe(ORDERS);
    expect(s.first.aborted).toBe(false);
    expect(sorted(s.outcomes.keys())).toEqual(s.orders.map((o) => o.id));
    expect([...s.outcomes.values()].filter((list) => list.length !== 1)).toEqual([]);
    expect(sorted(s.first.failures.map((f) => f.order.id))).toEqual(
      sorted([...s.outcomes.values()].flat().flatMap((o) => (o.ok ? [] : [o.order.id]))),
    );
    for (const { order, error } of s.first.failures) {
      expect(error).toBeInstanceOf(MauticError);
      expect(TYPED_ERRORS.has(error.name), `order ${order.id}: ${error.name}: ${error.message}`).toBe(true);
    }
  });

  it('really met every fault, including tokens that expired mid-run', () => {
    for (const kind of ['reset', '502', '503', '429', 'html', 'slow', 'revoked', 'emailFailed'] as const) {
      expect(s.server.injected.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
    expect(s.server.stats.expiredTokenRejections).toBeGreaterThan(0);
    expect(s.server.stats.tokensIssued).toBeGreaterThan(1);
    expect(s.first.failed).toBeGreaterThan(0);
  });

  it('sends no note or email twice within the run, and makes one contact per customer', () => {
    expect(moreThanOne(s.afterFirst.notes)).toEqual(new Set());
    expect(moreThanOne(s.afterFirst.emails)).toEqual(new Set());
    // Every ok order has its note and its email.
    for (const [id, [outcome]] of s.outcomes) {
      if (!outcome?.ok) continue;
      expect(s.afterFirst.notes.get(id), `note of ok order ${id}`).toBe(1);
      expect(s.afterFirst.emails.get(id), `email of ok order ${id}`).toBe(1);
    }
    expect(s.server.mautic.duplicateContacts()).toEqual([]);
    expect(s.server.mautic.contacts).toHaveLength(CUSTOMERS);
    expect(s.server.mautic.renamedFields).toEqual([]);
  });

  it('re-running summary.failures with the faults off completes every one of them', () => {
    expect(s.retry.total).toBe(s.first.failed);
    expect(s.retry.ok).toBe(s.first.failed);
    for (const order of s.orders) {
      expect(s.server.mautic.notesByOrder.get(order.id) ?? 0, `notes of ${order.id}`).toBeGreaterThanOrEqual(1);
      expect(s.server.mautic.emailsByOrder.get(order.id) ?? 0, `emails of ${order.id}`).toBeGreaterThanOrEqual(1);
    }
    expect(s.server.mautic.duplicateContacts()).toEqual([]);
  });

  it('the re-run repeats no note or email that had landed in a failed order', () => {
    // A send that timed out (on a loaded machine one can, by itself) is skipped by the re-run too.
    expect(s.stepOkButOrderFailed.note.size + s.stepOkButOrderFailed.email.size).toBeGreaterThan(0);
    expect(sorted(moreThanOne(s.server.mautic.notesByOrder))).toEqual([]);
    expect(sorted(moreThanOne(s.server.mautic.emailsByOrder))).toEqual([]);
    for (const id of [...s.stepOkButOrderFailed.note].filter((id) => !s.timedOutButApplied.note.has(id))) {
      expect(s.server.mautic.notesByOrder.get(id), `notes of order ${id}`).toBe(1);
    }
    for (const id of [...s.stepOkButOrderFailed.email].filter((id) => !s.timedOutButApplied.email.has(id))) {
      expect(s.server.mautic.emailsByOrder.get(id), `emails of order ${id}`).toBe(1);
    }
  });
});

describe('late answers to note and email sends (applied, but the client timed out)', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await runScenario({ ...faults, slowOnlyIdempotent: false });
  }, 180_000);
  afterAll(() => s?.server.close());

  it('fails those orders with MauticTimeoutError and never repeats the send within the run', () => {
    expect(s.first.ok + s.first.failed).toBe(ORDERS);
    expect(s.first.failures.some((f) => f.error instanceof MauticTimeoutError)).toBe(true);
    expect(moreThanOne(s.afterFirst.notes)).toEqual(new Set());
    expect(moreThanOne(s.afterFirst.emails)).toEqual(new Set());
    expect(s.server.mautic.duplicateContacts()).toEqual([]);
  });

  it('the re-run skips exactly those sends (they landed): no order gets a second note or email', () => {
    expect(s.retry.ok).toBe(s.first.failed);
    const late = s.server.appliedButLate;
    // Each late answer to a note or an email send was applied and reported as a timeout.
    expect(s.timedOutButApplied.note.size).toBeGreaterThanOrEqual(late.get('POST /api/notes/new') ?? 0);
    expect(s.timedOutButApplied.email.size).toBeGreaterThanOrEqual(
      late.get('POST /api/emails/:id/contact/:id/send') ?? 0,
    );
    expect(s.timedOutButApplied.note.size).toBeGreaterThan(0);
    expect(s.timedOutButApplied.email.size).toBeGreaterThan(0);
    for (const step of ['note', 'email'] as const) {
      const map = step === 'note' ? s.server.mautic.notesByOrder : s.server.mautic.emailsByOrder;
      expect(sorted(moreThanOne(map)), step).toEqual([]);
      const skipped = new Set(
        s.retryOutcomes.flatMap((o) =>
          o.ok &&
          o.result.steps.some((x) => x.step === step && x.status === 'skipped' && x.detail?.includes('timed out'))
            ? [o.order.id]
            : [],
        ),
      );
      expect(sorted(skipped), step).toEqual(sorted(s.timedOutButApplied[step]));
      for (const id of s.timedOutButApplied[step]) expect(map.get(id), `${step}s of order ${id}`).toBe(1);
    }
  });
});

describe('a field create answered after the timeout', () => {
  // Mautic suffixes an alias in use (`x` → `x1`), so a repeated create would make a second field.
  it('is not repeated: the call fails, and the next one finds the field instead of creating it again', async () => {
    const server = await startFaultServer({
      ...faults,
      rate: 0,
      force: (route, count) => (route === 'POST /api/fields/contact/new' && count === 0 ? 'slow' : null),
    });
    try {
      const client = createMauticClient({
        baseUrl: server.url,
        auth: { type: 'oauth2', clientId: server.client.id, clientSecret: server.client.secret },
        timeoutMs: 2_000,
        // Token requests get held answers too; the default (120 s, for rotating refresh tokens) would
        // keep every caller waiting on one held client_credentials request.
        tokenTimeoutMs: 2_000,
        retryDelays: { baseDelayMs: 5, maxDelayMs: 40 },
      });
      await expect(client.fields.ensure()).rejects.toBeInstanceOf(MauticTimeoutError);
      const result = await client.fields.ensure();
      expect(server.mautic.renamedFields).toEqual([]);
      expect(result.fields.map((f) => f.status)).toEqual([
        'exists',
        'created',
        'created',
        'created',
        'created',
        'created',
      ]);
      expect(server.received('POST /api/fields/contact/new')).toBe(6);
    } finally {
      await server.close();
    }
  });
});
