// A DeliveryQueue for Cloudflare Workers, which have no file system for the embedded queue:
// deliveries go to a Cloudflare Queue (stored by Cloudflare before `send` resolves, so the 202 goes
// out only after that), and delivery ids and per-order dates to D1 (one primary, so a redelivery is a
// duplicate whichever location it reaches; KV is eventually consistent and would let one through).
// The Worker's `queue()` handler applies what the queue hands it. No Durable Object.
//
// Kept against the DeliveryQueue rules: dedupe by delivery id, refuse a delivery older than one
// accepted for its order, check again before applying, record the applied date after success.
// Not kept: one customer at a time. Cloudflare Queues do not deliver in order (a retried message
// goes back behind newer ones), so two orders of one customer can be applied out of order or, with
// `max_concurrency` above 1, at once; the staleness check still stops an older status of one order
// from overwriting a newer one. Messages are limited to 128 KB (an order with very many lines).
import { isOlder, resourceKey } from '@mautic-woo/webhook';

/** 2 s, doubling, at most 15 min between attempts. */
const backoffSeconds = (attempts) => Math.min(2 ** attempts, 900);

const resourceRow = (db, delivery) =>
  db.prepare('SELECT accepted, applied FROM webhook_resources WHERE key = ?').bind(resourceKey(delivery)).first();

/** The producer side, for `createWebhookHandler({ secret, queue })`. */
export function createCloudflareQueue({ queue, db }) {
  return {
    async enqueue(delivery) {
      const claim = await db
        .prepare('INSERT INTO webhook_deliveries (id, received_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING')
        .bind(delivery.id, delivery.receivedAt)
        .run();
      if (claim.meta.changes === 0) return 'duplicate';
      const row = await resourceRow(db, delivery);
      if (isOlder(delivery.modifiedAt, row?.accepted ?? null) || isOlder(delivery.modifiedAt, row?.applied ?? null)) {
        return 'stale';
      }
      try {
        await queue.send(delivery, { contentType: 'json' });
      } catch (error) {
        // Not stored: forget the id, so the delivery WooCommerce resends after the 503 is accepted.
        await db.prepare('DELETE FROM webhook_deliveries WHERE id = ?').bind(delivery.id).run();
        throw error;
      }
      // Should this fail, the answer is a 503 with the message already queued: the resend is a duplicate.
      if (delivery.modifiedAt !== null) {
        await db
          .prepare(
            'INSERT INTO webhook_resources (key, accepted) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET accepted = excluded.accepted',
          )
          .bind(resourceKey(delivery), delivery.modifiedAt)
          .run();
      }
      return 'accepted';
    },
    // The consumer runs in other invocations, out of this one's sight: nothing to wait for here.
    async whenIdle() {},
    async close() {},
  };
}

/**
 * The consumer side, for the Worker's `queue(batch, env)` handler: applies each delivery with
 * `process` (createDeliveryProcessor) and retries a failure after `retryDelaySeconds(attempts)`;
 * after the consumer's `max_retries`, Cloudflare moves it to the dead-letter queue configured for it.
 * What no retry can fix (PermanentDeliveryError) goes to `deadLetters` (a Queue producer) at once,
 * or, without one, is retried like any failure: nothing is dropped. Resolves with the ids it acknowledged and
 * the ids it retried. Give the client a shared `stepLedger` (createD1StepLedger): each retry is a
 * new invocation, and only a shared ledger knows a note of an earlier attempt most likely landed.
 */
export function createQueueConsumer({
  db,
  process,
  deadLetters,
  retryDelaySeconds = backoffSeconds,
  logger = console,
}) {
  return async (batch) => {
    const acked = [];
    const retried = [];
    for (const message of batch.messages) {
      const delivery = message.body;
      const row = await resourceRow(db, delivery);
      if (isOlder(delivery.modifiedAt, row?.applied ?? null)) {
        message.ack();
        acked.push(delivery.id);
        continue;
      }
      try {
        await process(delivery);
      } catch (error) {
        // The id and the error's name only: a message may carry the customer's email.
        logger.warn(`cloudflare queue: delivery ${delivery.id} failed: ${error?.name}`);
        if (error?.name === 'PermanentDeliveryError' && deadLetters) {
          await deadLetters.send(delivery, { contentType: 'json' });
          message.ack();
          acked.push(delivery.id);
        } else {
          message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
          retried.push(delivery.id);
        }
        continue;
      }
      if (delivery.modifiedAt !== null) {
        await db
          .prepare(
            'INSERT INTO webhook_resources (key, applied) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET applied = excluded.applied',
          )
          .bind(resourceKey(delivery), delivery.modifiedAt)
          .run();
      }
      message.ack();
      acked.push(delivery.id);
    }
    return { acked, retried };
  };
}
