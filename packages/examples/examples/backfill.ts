import type { MauticClient, WooOrder } from '@mautic-woo/sync';
import { generateOrders } from '../src/sample-data';
import { clientFromEnv, runIfMain } from './mautic-env';

/**
 * Historical orders in bulk. syncOrders pulls from any (async) iterable, so orders can come page by
 * page from the WooCommerce API or line by line from a file without all being in memory.
 */
async function* orderPages(count: number): AsyncGenerator<WooOrder> {
  // Stands in for `GET /wp-json/wc/v3/orders?page=N&per_page=100` until a page comes back empty.
  yield* generateOrders(count);
}

export async function main(client: MauticClient = clientFromEnv(), count = Number(process.argv[2] ?? 10)) {
  // At a terminal one line is redrawn in place; piped into a file or a log, a `\r` would glue every
  // update into one long line, so each update gets its own.
  const tty = process.stdout.isTTY === true;
  const summary = await client.syncOrders(orderPages(count), {
    concurrency: 4,
    onProgress: (p) => {
      const line = `${p.done}/${count} done, ${p.failed} failed`;
      process.stdout.write(tty ? `\r${line}` : `${line}\n`);
    },
  });
  if (tty) process.stdout.write('\n');
  console.log(`${summary.ok} of ${summary.total} orders synced in ${summary.durationMs} ms`);
  for (const { order, error } of summary.failures) console.log(`  order ${order.id}: ${error.message}`);
  return summary;
}

runIfMain(import.meta.url, main);
