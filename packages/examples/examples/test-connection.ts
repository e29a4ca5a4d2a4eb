import type { MauticClient } from '@mautic-woo/sync';
import { clientFromEnv, runIfMain } from './mautic-env';

/** One request that proves the URL, the API switch, the credentials and the permissions. */
export async function main(client: MauticClient = clientFromEnv()) {
  const result = await client.testConnection();
  console.log(`Connected. Mautic version: ${result.mauticVersion ?? 'not reported'}`);
  return result;
}

runIfMain(import.meta.url, main);
