// The sync client's StepLedger (the record of notes and emails sent) on D1. On Workers each retry of
// a delivery is a new invocation, maybe in another isolate, so the in-memory ledger would forget that
// a note whose answer was lost most likely landed, and the retry would send it again.
// Same rules as MemoryStepLedger in @mautic-woo/sync: an atomic claim before the request, settled
// after; an expired claim (its sender died) reads as `uncertain`; `done` is never downgraded.

const keyOf = ({ orderId, status, step }) => `${orderId}:${status}:${step}`;

export function createD1StepLedger(db, now = Date.now) {
  const put = (key, state) =>
    db
      .prepare(
        'INSERT INTO webhook_steps (key, order_id, state) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET state = excluded.state, until = NULL',
      )
      .bind(keyOf(key), key.orderId, state)
      .run();
  return {
    async claim(key, { ttlMs }) {
      const claimed = await db
        .prepare(
          "INSERT INTO webhook_steps (key, order_id, state, until) VALUES (?, ?, 'claimed', ?) ON CONFLICT (key) DO NOTHING",
        )
        .bind(keyOf(key), key.orderId, now() + ttlMs)
        .run();
      if (claimed.meta.changes === 1) return 'claimed';
      const row = await db.prepare('SELECT state, until FROM webhook_steps WHERE key = ?').bind(keyOf(key)).first();
      // Settled away (released) between the two statements: claim again.
      if (row === null) return this.claim(key, { ttlMs });
      if (row.state === 'claimed') return row.until > now() ? 'pending' : 'uncertain';
      return row.state;
    },
    async settle(key, outcome) {
      if (outcome === null) await db.prepare('DELETE FROM webhook_steps WHERE key = ?').bind(keyOf(key)).run();
      else await put(key, outcome);
    },
    async record(key, state) {
      await db
        .prepare(
          "INSERT INTO webhook_steps (key, order_id, state) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET state = excluded.state, until = NULL WHERE webhook_steps.state != 'done'",
        )
        .bind(keyOf(key), key.orderId, state)
        .run();
    },
    async forget(orderIds) {
      if (orderIds.length === 0) return;
      await db
        .prepare(`DELETE FROM webhook_steps WHERE order_id IN (${orderIds.map(() => '?').join(', ')})`)
        .bind(...orderIds)
        .run();
    },
  };
}
