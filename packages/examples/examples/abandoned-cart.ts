import type { MauticClient } from '@mautic-woo/sync';
import { sampleCart } from '../src/sample-data';
import { clientFromEnv, runIfMain } from './mautic-env';

/**
 * A shopper left at checkout: store the cart, its recovery link and coupon on the contact, tag it
 * `abandoned_cart` and add it to the segment a recovery campaign starts from. When the order comes
 * in, markCartRecovered clears all of it again.
 */
export async function main(client: MauticClient = clientFromEnv(), segmentId = Number(process.argv[2] ?? 1)) {
  const cart = sampleCart('jane.doe@example.com');
  const synced = await client.syncAbandonedCart(cart, { segmentId });
  console.log(`Cart of ${synced.email} stored on contact ${synced.contactId}`);
  for (const step of synced.steps)
    console.log(`  ${step.step}: ${step.status}${step.detail ? ` (${step.detail})` : ''}`);

  const recovered = await client.markCartRecovered(cart.email);
  console.log(recovered.found ? `Contact ${recovered.contactId} marked recovered` : 'No contact to mark recovered');
  return { synced, recovered };
}

runIfMain(import.meta.url, main);
