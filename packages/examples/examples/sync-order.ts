import { readFile } from 'node:fs/promises';
import type { MauticClient, WooOrder } from '@mautic-woo/sync';
import { sampleOrder } from '../src/sample-data';
import { clientFromEnv, runIfMain } from './mautic-env';

/**
 * One WooCommerce order (REST API v3 JSON, e.g. from GET /wp-json/wc/v3/orders/727) onto its
 * customer's contact, with a note; pass an email id to also send that email on `completed`.
 *
 *   npx tsx examples/sync-order.ts order.json 12
 */
export async function main(
  client: MauticClient = clientFromEnv(),
  orderFile = process.argv[2],
  emailId = process.argv[3],
) {
  const order: WooOrder = orderFile ? JSON.parse(await readFile(orderFile, 'utf8')) : sampleOrder();
  const result = await client.syncOrder(order, {
    note: true,
    tags: ['woocommerce'],
    ...(emailId ? { emailOnStatus: { completed: Number(emailId) } } : {}),
  });
  console.log(`Order ${result.orderId} → contact ${result.contactId} (${result.created ? 'created' : 'updated'})`);
  for (const step of result.steps)
    console.log(`  ${step.step}: ${step.status}${step.detail ? ` (${step.detail})` : ''}`);
  return result;
}

runIfMain(import.meta.url, main);
