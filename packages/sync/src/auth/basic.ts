import type { SecretSet } from '../transport/redact';
import type { Credentials } from '../transport/request';

/**
 * HTTP Basic. `btoa` only takes Latin-1, so it is given the UTF-8 bytes as a binary string: a
 * password with "ü" or "€" works. Encoded once, here, not per request.
 */
export function basicCredentials(username: string, password: string, secrets: SecretSet): Credentials {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const encoded = btoa(binary);
  secrets.add(password, encoded);
  const credential = { scheme: 'basic', value: binary, authorization: `Basic ${encoded}` } as const;
  return {
    ready: () => credential,
    current: async () => credential,
    // Nothing to renew: a 401 with Basic means the credentials are wrong.
    renew: async () => false,
  };
}
