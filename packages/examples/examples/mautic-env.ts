import { pathToFileURL } from 'node:url';
import { createMauticClient, type MauticClient, type MauticClientOptions } from '@mautic-woo/sync';

/**
 * The two helpers every example shares: a client from the environment, and "run main() when this
 * file is executed directly" (so tests can import main and hand it a client of their own).
 *
 *   MAUTIC_URL=https://mautic.example.com MAUTIC_USERNAME=api MAUTIC_PASSWORD=… npx tsx examples/test-connection.ts
 */
export function clientFromEnv(extra: Partial<MauticClientOptions> = {}): MauticClient {
  const { MAUTIC_URL, MAUTIC_USERNAME, MAUTIC_PASSWORD, MAUTIC_CLIENT_ID, MAUTIC_CLIENT_SECRET } = process.env;
  if (!MAUTIC_URL)
    throw new Error('Set MAUTIC_URL, and MAUTIC_USERNAME/MAUTIC_PASSWORD or MAUTIC_CLIENT_ID/MAUTIC_CLIENT_SECRET');
  if (MAUTIC_CLIENT_ID && MAUTIC_CLIENT_SECRET) {
    return createMauticClient({
      baseUrl: MAUTIC_URL,
      auth: { type: 'oauth2', clientId: MAUTIC_CLIENT_ID, clientSecret: MAUTIC_CLIENT_SECRET },
      ...extra,
    });
  }
  if (MAUTIC_USERNAME && MAUTIC_PASSWORD) {
    return createMauticClient({
      baseUrl: MAUTIC_URL,
      auth: { type: 'basic', username: MAUTIC_USERNAME, password: MAUTIC_PASSWORD },
      ...extra,
    });
  }
  throw new Error('Set MAUTIC_USERNAME/MAUTIC_PASSWORD or MAUTIC_CLIENT_ID/MAUTIC_CLIENT_SECRET');
}

export function runIfMain(moduleUrl: string, main: () => Promise<unknown>): void {
  const script = process.argv[1];
  if (!script || pathToFileURL(script).href !== moduleUrl) return;
  main().catch((error: unknown) => {
    // The library's errors carry no credentials, so printing them is safe.
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  });
}
