import type { MauticClient } from '@mautic-woo/sync';
import { clientFromEnv, runIfMain } from './mautic-env';

/** Creates the contact, or updates the one with this email; tags are added, never replaced. */
export async function main(client: MauticClient = clientFromEnv()) {
  const result = await client.contacts.upsert({
    email: 'jane.doe@example.com',
    firstname: 'Jane',
    lastname: 'Doe',
    city: 'San Francisco',
    // Mautic validates regions and countries by name; the library drops them if refused.
    state: 'California',
    country: 'United States',
    tags: ['newsletter', 'customer'],
  });
  console.log(`Contact ${result.contact.id} ${result.created ? 'created' : 'updated'}`);
  if (result.droppedFields.length > 0) console.log(`Mautic refused: ${result.droppedFields.join(', ')}`);
  return result;
}

runIfMain(import.meta.url, main);
