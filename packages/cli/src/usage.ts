import { ENV_HELP } from './env-config';

/** A mistake in how the CLI was called or configured: exit code 2, and the message says what to fix. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

const EXIT_HELP = 'Exit codes: 0 done, 1 something failed, 2 usage or configuration error, 130 interrupted.';

const SYNC_FLAGS = `  --note                  add a note with the order and its products to the contact
  --tag <name>            add this tag to every customer (repeatable)
  --sku-tags              add a <sku>_<status> tag per product
  --email-on <status=id>  send Mautic email <id> when the order has <status>, e.g. completed=12 (repeatable)`;

export const HELP = {
  top: `mautic-woo: keep a Mautic instance in sync with a WooCommerce shop

Usage: mautic-woo <command> [options]
       mautic-woo --version

Commands:
  check                     test the connection and look for the mautic_woo_* fields (changes nothing);
                            --contract checks Mautic's answers against the spec
  fields [--create]         list the mautic_woo_* fields; --create adds the missing ones
  sync-order <order.json>   sync one WooCommerce order (REST API v3 JSON) to its Mautic contact
  backfill <orders-file>    sync a file of orders: a JSON array (what the WooCommerce API returns) or NDJSON
  serve [--redis <url>]     receive WooCommerce webhooks (embedded durable queue, or enqueue to Redis)
  worker --redis <url>      sync what the handlers enqueued to Redis (run as many as you like)
  queue status|retry        counts by state and dead letters; retry the dead letters

Run "mautic-woo <command> --help" for its options.

${ENV_HELP}

${EXIT_HELP}`,

  check: `Usage: mautic-woo check [--contract [--write]]

Tests the connection (URL, API switch, credentials, permissions) with one request and reports which of
the six mautic_woo_* contact fields exist. Sends no writes. Exits 1 when a field is missing.

Options:
  --contract  instead, run the read-only calls (list and get contacts, list fields and tags) and check
              every answer against @mautic-woo/spec; prints each mismatch (operation, status, path in
              the body, never the data). Exits 1 on any mismatch: please report it.
  --write     with --contract, also create, read and delete one test contact

${ENV_HELP}`,

  fields: `Usage: mautic-woo fields [--create]

Lists the six mautic_woo_* contact fields the sync writes to.

Options:
  --create    create the missing ones (Mautic may queue a field and add its column in the background)

${ENV_HELP}`,

  'sync-order': `Usage: mautic-woo sync-order <order.json> [options]

Syncs one WooCommerce order, as GET /wp-json/wc/v3/orders/<id> returns it, to its customer's contact:
billing address, order data, tags, and optionally a note and an email.

Options:
${SYNC_FLAGS}

${ENV_HELP}`,

  backfill: `Usage: mautic-woo backfill <orders-file> [options]

Syncs a file of WooCommerce orders, streaming it (any size). By default in batch mode: each customer's
orders become one contact write (lifetime total and order count from the file, the latest order's data,
every order's tags), 200 customers a request, no notes or emails; the progress shows the requests made.
--note, --email-on, --concurrency or --resend-uncertain (or --mode order) sync order by order instead.
The file is either a JSON array of orders, as GET /wp-json/wc/v3/orders returns them (several arrays one
after another, page by page, are fine), or NDJSON, one order per line; the first character tells which,
and the first line of output says which was read.
Failures are written to a failures file (NDJSON) that backfill accepts again: in batch mode one line
per customer whose write failed (the write and its order ids); per order, the order, the note/email
steps that completed and those whose request timed out (most likely done), so a retry sends neither again. Entries that are not orders are reported by line (NDJSON) or item (array).

Options:
  --mode <batch|order>    batch (default): one write per customer, 200 a request; order: each order synced
  --batch-concurrency <n> batch requests in flight at once, 1 to 16 (default 4)
  --concurrency <n>       orders in flight at once, 1 to 64 (default 4; per order)
  --failures <file>       where failed orders go, one per line (default <input>.failed.ndjson)
  --resend-uncertain      on a retry, send again a note or email whose request timed out
  --redis <url>           share the workers' state on Redis: OAuth2 tokens, notes and emails sent, and
                          erasures (an erased customer's older orders are skipped, not written back)
  --prefix <name>         Redis key prefix (default mautic-woo)
${SYNC_FLAGS}

Example:
  mautic-woo backfill orders.json                  # batch mode
  mautic-woo backfill orders.json --concurrency 8 --note
  mautic-woo backfill orders.failed.ndjson        # retry what failed

${ENV_HELP}

${EXIT_HELP}`,

  serve: `Usage: mautic-woo serve [--port <n>] [--host <addr>] [--redis <url> | --queue-dir <dir>] [options]

Receives WooCommerce order webhooks (and customer ones with --customers): checks the signature, stores each delivery durably, answers 202,
and syncs it afterwards. Without --redis the deliveries wait in an embedded journal (--queue-dir,
default ./.mautic-woo/queue; one process per directory) and this process syncs them. With --redis it
only enqueues, and "mautic-woo worker" processes sync. SIGTERM/SIGINT stop it gracefully.

Options:
  --port <n>              default 8080 (0: any free port, printed on start)
  --host <addr>           default 0.0.0.0
  --redis <url>           distributed mode: enqueue to this Redis (no Mautic credentials needed here)
  --prefix <name>         Redis key prefix, the same for handlers and workers (default mautic-woo)
  --queue-dir <dir>       the embedded queue's directory
  --customers             also customer.created/updated (a contact tagged customer) and customer.deleted
                          (the contact erased; its email is known from the customer's earlier deliveries)
${SYNC_FLAGS}

Environment: WC_WEBHOOK_SECRET (the webhook's secret in WooCommerce); without --redis also:
${ENV_HELP}`,

  worker: `Usage: mautic-woo worker --redis <url> [--concurrency <n>] [options]

Syncs the deliveries "mautic-woo serve --redis" enqueued. Run any number of them: one customer is synced
by one worker at a time, a note or email goes out once, and the OAuth2 token is refreshed once per expiry
for all of them (its state is on Redis). SIGTERM/SIGINT let the running deliveries finish, then exit.
Customer deliveries enqueued by a handler of yours are applied too: the email a customer.deleted needs
(it carries only the id) is kept on Redis by customer id, from the customer's earlier deliveries.
With OAuth2, the token set lives on Redis (key <prefix>:token); without one there, the first worker
obtains one with the client credentials.

Options:
  --redis <url>           the Redis the handlers enqueue to (required)
  --prefix <name>         Redis key prefix (default mautic-woo)
  --concurrency <n>       deliveries synced at once by this process, 1 to 64 (default 4)
  --timeout <seconds>     per Mautic request (default 30); a note or email a crashed worker had claimed
                          counts as "may have been sent" (not resent) after 6x this, at least 60 s
${SYNC_FLAGS}

${ENV_HELP}`,

  queue: `Usage: mautic-woo queue status|retry [--redis <url> | --queue-dir <dir>]

status: counts by state and the dead letters (id, topic, order, attempts, last error; no payloads, no
emails). retry: puts every dead letter back in line with fresh attempts. For the embedded queue,
status reads its journal beside a running "serve"; retry writes to it, so stop "serve" first (this
command does not sync).

Options:
  --redis <url>           the distributed queue
  --prefix <name>         Redis key prefix (default mautic-woo)
  --queue-dir <dir>       the embedded queue (default ./.mautic-woo/queue)`,
} as const;

export type CommandName = Exclude<keyof typeof HELP, 'top'>;
