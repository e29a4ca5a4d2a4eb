const encoder = new TextEncoder();

/** The HMAC-SHA256 key for a webhook secret, imported once per handler. */
export function importSecret(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
}

function decodeBase64(text: string): Uint8Array | null {
  try {
    const binary = atob(text.trim());
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/**
 * WooCommerce signs with base64(HMAC-SHA256(raw body, secret)). `crypto.subtle.verify` compares in
 * constant time on every runtime, which a string comparison would not.
 */
export async function signatureMatches(key: CryptoKey, body: Uint8Array, signature: string | null): Promise<boolean> {
  if (signature === null) return false;
  const given = decodeBase64(signature);
  if (given === null || given.length !== 32) return false;
  return crypto.subtle.verify('HMAC', key, given as Uint8Array<ArrayBuffer>, body as Uint8Array<ArrayBuffer>);
}

/** `sha256:<hex>` of a body: the delivery id when WooCommerce sent none, so identical bodies dedupe. */
export async function bodyDigest(body: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body as Uint8Array<ArrayBuffer>));
  return `sha256:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
