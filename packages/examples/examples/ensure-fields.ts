import type { MauticClient } from '@mautic-woo/sync';
import { clientFromEnv, runIfMain } from './mautic-env';

/** Creates the six mautic_woo_* contact fields the sync writes to, where they are missing. */
export async function main(client: MauticClient = clientFromEnv()) {
  const result = await client.fields.ensure();
  for (const field of result.fields) {
    const note = field.status === 'renamed' ? ` (Mautic named it ${field.actualAlias})` : '';
    console.log(`${field.alias}: ${field.status}${note}`);
  }
  return result;
}

runIfMain(import.meta.url, main);
