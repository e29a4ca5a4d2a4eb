import type { SecretSet } from '../transport/redact';
import type { Credentials } from '../transport/request';

/**
 * HTTP Basic. hey-api base64-encodes the value with `btoa`, which only takes Latin-1, so the
 * UTF-8 bytes are handed over as a binary string: a password with "ü" or "€" works.
 */
export function basicCredentials(username: string, password: string, secrets: SecretSet): Credentials {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  secrets.add(password, btoa(binary));
  const credential = { scheme: 'basic', value: binary } as const;
  return {
    ready: () => credential,
    current: async () => credential,
    // Nothing to renew: a 401 with Basic means the credentials are wrong.
    renew: async () => false,
  };
}
