import { type FakeMauticServer, startFakeMautic } from '@mautic-woo/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAUTIC_WOO_FIELDS, MauticInvalidInputError, MemoryKeyedSerializer, MemoryStepLedger } from '../../src';
import { basicClient, rejection } from '../helpers/harness';
import { order723 } from '../helpers/woo-fixtures';

// Two clients stand for two processes: what they share decides what happens once.
let fake: FakeMauticServer;
beforeEach(async () => {
  fake = await startFakeMautic({ fields: MAUTIC_WOO_FIELDS.map((f) => f.alias) });
});
afterEach(async () => {
  await fake.close();
});

describe('state shared between clients', () => {
  it('one step ledger: a webhook delivered to two processes sends one note and one email', async () => {
    const stepLedger = new MemoryStepLedger();
    const serializer = new MemoryKeyedSerializer();
    const [a, b] = [
      basicClient(fake.server, { stepLedger, serializer }),
      basicClient(fake.server, { stepLedger, serializer }),
    ];
    const options = { note: true, emailOnStatus: { completed: 12 } } as const;
    const results = await Promise.all([a.syncOrder(order723(), options), b.syncOrder(order723(), options)]);
    expect(fake.mautic.notes).toHaveLength(1);
    expect(fake.mautic.emails).toHaveLength(1);
    expect(fake.mautic.contacts).toHaveLength(1);
    const skipped = results
      .flatMap((r) => r.steps)
      .filter((s) => s.detail === 'already done for this order and status');
    expect(skipped.map((s) => s.step).sort()).toEqual(['email', 'note']);
  });

  it('separate ledgers (the default) are per process: the same delivery sends twice', async () => {
    // The reason the option exists, shown: without sharing, each process only knows itself.
    const options = { note: true } as const;
    await basicClient(fake.server).syncOrder(order723(), options);
    await basicClient(fake.server).syncOrder(order723(), options);
    expect(fake.mautic.notes).toHaveLength(2);
  });

  it('a ledger entry another process left unsettled is not sent again', async () => {
    const stepLedger = new MemoryStepLedger();
    const order = order723();
    // A process claimed the email and died before settling it.
    await stepLedger.claim({ orderId: order.id, status: order.status, step: 'email' }, { ttlMs: 60_000 });
    const result = await basicClient(fake.server, { stepLedger }).syncOrder(order, {
      emailOnStatus: { completed: 12 },
    });
    const email = result.steps.find((s) => s.step === 'email');
    expect(email?.status).toBe('failed');
    expect(email?.detail).toContain('being sent by another process');
    expect(fake.mautic.emails).toHaveLength(0);
  });

  it('refuses a step ledger or serializer that lacks a method, before any request', async () => {
    const error = await rejection(
      (async () => basicClient(fake.server, { stepLedger: { claim: async () => 'claimed' } as never }))(),
    );
    expect(error).toBeInstanceOf(MauticInvalidInputError);
    expect((error as MauticInvalidInputError).field).toBe('stepLedger');
    expect(fake.server.requests).toHaveLength(0);
  });
});
