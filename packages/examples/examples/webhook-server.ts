import type { AddressInfo } from 'node:net';
import type { MauticClient } from '@mautic-woo/sync';
import { createWebhookReceiver, type WebhookReceiver } from '../src/webhook-receiver';
import { clientFromEnv, runIfMain } from './mautic-env';

/**
 * Receives WooCommerce's order.created / order.updated webhooks and syncs each order to Mautic.
 * Point WooCommerce → Settings → Advanced → Webhooks at http://<this host>:<PORT>/ with the same
 * secret as WC_WEBHOOK_SECRET. Put it behind HTTPS (a reverse proxy) when it faces the internet.
 *
 *   WC_WEBHOOK_SECRET=… PORT=8080 MAUTIC_URL=… MAUTIC_USERNAME=… MAUTIC_PASSWORD=… npx tsx examples/webhook-server.ts
 */
export async function main(
  client: MauticClient = clientFromEnv(),
  secret = process.env.WC_WEBHOOK_SECRET ?? '',
  port = Number(process.env.PORT ?? 8080),
  host = process.env.HOST ?? '127.0.0.1',
): Promise<WebhookReceiver> {
  if (!secret) throw new Error('Set WC_WEBHOOK_SECRET to the secret of the WooCommerce webhook');
  const server = createWebhookReceiver({
    secret,
    client,
    syncOptions: { note: true },
    onResult: (outcome) => {
      if (outcome.ok) console.log(`order ${outcome.orderId} (${outcome.topic}) → contact ${outcome.result.contactId}`);
      else console.error(`order ${outcome.orderId} (${outcome.topic}) failed: ${String(outcome.error)}`);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: actual } = server.address() as AddressInfo;
  console.log(`Listening for WooCommerce webhooks on http://${host}:${actual}/`);
  return server;
}

runIfMain(import.meta.url, main);
