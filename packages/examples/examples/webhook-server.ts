import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MauticClient } from '@mautic-woo/sync';
import { createWebhookHandler, toNodeListener, type WebhookHandler } from '@mautic-woo/webhook';
import { clientFromEnv, runIfMain } from './mautic-env';

/**
 * Receives WooCommerce's order.created / order.updated webhooks with @mautic-woo/webhook: each
 * signed delivery is stored durably (./.mautic-woo/queue, or QUEUE_DIR) before the 202, then synced.
 * Point WooCommerce → Settings → Advanced → Webhooks at http://<this host>:<PORT>/ with the same
 * secret as WC_WEBHOOK_SECRET. Put it behind HTTPS (a reverse proxy) when it faces the internet.
 *
 *   WC_WEBHOOK_SECRET=… PORT=8080 MAUTIC_URL=… MAUTIC_USERNAME=… MAUTIC_PASSWORD=… npx tsx examples/webhook-server.ts
 */
export async function main(
  client: Pick<MauticClient, 'syncOrder'> = clientFromEnv(),
  secret = process.env.WC_WEBHOOK_SECRET ?? '',
  port = Number(process.env.PORT ?? 8080),
  host = process.env.HOST ?? '127.0.0.1',
  queueDir = process.env.QUEUE_DIR ?? mkdtempSync(join(tmpdir(), 'mautic-woo-example-queue-')),
): Promise<{ server: Server; handler: WebhookHandler; port: number }> {
  if (!secret) throw new Error('Set WC_WEBHOOK_SECRET to the secret of the WooCommerce webhook');
  const handler = createWebhookHandler({ secret, client, queueDir, syncOptions: { note: true } });
  const server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const actual = (server.address() as { port: number }).port;
  console.log(`Listening for WooCommerce webhooks on http://${host}:${actual}/`);
  const stop = async () => {
    server.close();
    await handler.close();
  };
  process.once('SIGTERM', stop);
  return { server, handler, port: actual };
}

runIfMain(import.meta.url, main);
