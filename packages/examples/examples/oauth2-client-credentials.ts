import { createMauticClient, type TokenSet } from '@mautic-woo/sync';
import { runIfMain } from './mautic-env';

/**
 * Machine-to-machine OAuth2 (Mautic 4+: Settings → API Credentials → New, "OAuth 2"). The client
 * fetches a token on the first request and a new one when it expires; nothing to store.
 *
 *   MAUTIC_URL=… MAUTIC_CLIENT_ID=… MAUTIC_CLIENT_SECRET=… npx tsx examples/oauth2-client-credentials.ts
 */
export async function main(
  baseUrl = process.env.MAUTIC_URL ?? '',
  clientId = process.env.MAUTIC_CLIENT_ID ?? '',
  clientSecret = process.env.MAUTIC_CLIENT_SECRET ?? '',
) {
  const tokens: TokenSet[] = [];
  const client = createMauticClient({
    baseUrl,
    auth: {
      type: 'oauth2',
      clientId,
      clientSecret,
      // Print when, never what: a token is a password.
      onTokens: (set) => {
        tokens.push(set);
        const until = set.expiresAt ? new Date(set.expiresAt).toISOString() : 'unknown';
        console.log(`Got an access token, valid until ${until}`);
      },
    },
  });
  const connection = await client.testConnection();
  console.log(`Connected with OAuth2. Mautic version: ${connection.mauticVersion ?? 'not reported'}`);
  return { connection, tokensIssued: tokens.length };
}

runIfMain(import.meta.url, main);
