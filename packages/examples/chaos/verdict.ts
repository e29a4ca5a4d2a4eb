import type { FakeMautic, FakeOAuthStats } from '@mautic-woo/testkit';
import { type PlannedDelivery, STATUSES } from './traffic';

/** What the fake Mautic holds at the end, against what was accepted. */
export interface Verdict {
  accepted: number;
  synced: number;
  lost: number;
  duplicates: { notes: number; emails: number; contacts: number };
  regressions: number;
  notes: number;
  emails: number;
  /** Distinct (order, status) pairs whose delivery a worker reported synced. */
  pairs: number;
  /** Notes and emails of synced pairs that Mautic never got. */
  missing: Array<{ orderId: number; status: string; step: 'note' | 'email' }>;
  /** Notes and emails of the synced pairs: each must equal `pairs`. */
  syncedNotes: number;
  syncedEmails: number;
  /**
   * Pairs written, then overtaken by a newer status of their order before their note or email went
   * out (a retry after the outage found the order already newer and skipped it, by design), with
   * the notes and emails they did get; and notes or emails of pairs never written (must be 0).
   */
  overtaken: { pairs: number; notes: number; emails: number };
  stray: number;
  contacts: number;
  customers: number;
  tokens: FakeOAuthStats;
}

const pairKey = (orderId: number, status: string) => `${orderId}:${status}`;
const rankOf = (status: string) => STATUSES.indexOf(status as (typeof STATUSES)[number]);

function tally(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}
const extra = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);

export function judge(input: {
  mautic: FakeMautic;
  /** Contact writes Mautic applied, in the order it applied them. */
  writes: Array<{ orderId: number; status: string }>;
  planned: PlannedDelivery[];
  accepted: Set<string>;
  /** Delivery ids the workers reported synced. */
  syncedIds: Set<string>;
  tokens: FakeOAuthStats;
}): Verdict {
  const { mautic, writes, planned } = input;
  const byId = new Map(planned.map((d) => [d.id, d]));
  const newest = new Map<number, number>();
  for (const d of planned) newest.set(d.orderId, Math.max(newest.get(d.orderId) ?? -1, d.rank));
  const lastWritten = new Map<number, number>();
  const written = new Set<string>();
  for (const write of writes) {
    lastWritten.set(write.orderId, rankOf(write.status));
    written.add(pairKey(write.orderId, write.status));
  }

  // Synced: its state reached Mautic, or a newer state of its order did (an older one is skipped by design).
  let synced = 0;
  for (const id of input.accepted) {
    const d = byId.get(id) as PlannedDelivery;
    if (written.has(pairKey(d.orderId, d.status)) || (lastWritten.get(d.orderId) ?? -1) > d.rank) synced++;
  }
  let regressions = 0;
  for (const [orderId, rank] of newest)
    if (lastWritten.has(orderId) && lastWritten.get(orderId) !== rank) regressions++;

  const notes = tally(
    mautic.notes.map((note) =>
      pairKey(Number(/\(id (\d+)\)/.exec(note.text)?.[1]), /Status: (\S+)/.exec(note.text)?.[1] ?? ''),
    ),
  );
  const emails = tally(
    mautic.emails.map((email) => pairKey(Number(email.tokens['{order_id}']), email.tokens['{order_status}'] ?? '')),
  );
  const syncedPairs = new Set(
    [...input.syncedIds]
      .map((id) => byId.get(id))
      .filter((d) => d !== undefined)
      .map((d) => pairKey(d.orderId, d.status)),
  );
  const missing: Verdict['missing'] = [];
  for (const pair of syncedPairs) {
    const [orderId, status] = pair.split(':') as [string, string];
    if (!notes.has(pair)) missing.push({ orderId: Number(orderId), status, step: 'note' });
    if (!emails.has(pair)) missing.push({ orderId: Number(orderId), status, step: 'email' });
  }
  const overtakenPairs = [...written].filter((pair) => !syncedPairs.has(pair));
  const sum = (counts: Map<string, number>, pairs: Iterable<string>) =>
    [...pairs].reduce((n, p) => n + (counts.get(p) ?? 0), 0);
  const stray = [...notes.keys(), ...emails.keys()].filter((pair) => !written.has(pair)).length;
  const distinctEmails = new Set(mautic.contacts.map((c) => c.email)).size;
  return {
    accepted: input.accepted.size,
    synced,
    lost: input.accepted.size - synced,
    duplicates: { notes: extra(notes), emails: extra(emails), contacts: mautic.contacts.length - distinctEmails },
    regressions,
    notes: mautic.notes.length,
    emails: mautic.emails.length,
    pairs: syncedPairs.size,
    missing,
    syncedNotes: sum(notes, syncedPairs),
    syncedEmails: sum(emails, syncedPairs),
    overtaken: { pairs: overtakenPairs.length, notes: sum(notes, overtakenPairs), emails: sum(emails, overtakenPairs) },
    stray,
    contacts: mautic.contacts.length,
    customers: new Set(planned.map((d) => d.customer)).size,
    tokens: input.tokens,
  };
}
