/**
 * What counts as a secret, and its removal. Called from every error's constructor and before
 * anything reaches the logger, so a secret cannot leak by a path nobody thought of.
 */

const REDACTED = '[redacted]';

// Credentials that can appear in text without our knowing their values: auth headers, OAuth
// form fields and JSON keys, and user:password in a URL.
// A credential after "Bearer"/"Basic" is long and has digits, base64 symbols or mixed case;
// Mautic's own "Basic Auth disabled" must survive.
const looksLikeCredential = (value: string) =>
  value.length >= 8 && (/[0-9+/=]/.test(value) || /[A-Z]/.test(value.slice(1)));

const PATTERNS: ReadonlyArray<[RegExp, (substring: string, ...groups: string[]) => string]> = [
  [
    /\b(Bearer|Basic)\s+([A-Za-z0-9._~+/=-]+)/gi,
    (match: string, scheme: string, value: string) => (looksLikeCredential(value) ? `${scheme} ${REDACTED}` : match),
  ],
  [/\b(access_token|refresh_token|client_secret|password|code)=([^&\s"']+)/gi, (_, key) => `${key}=${REDACTED}`],
  [
    /"(access_token|refresh_token|client_secret|password|accessToken|refreshToken|clientSecret)"\s*:\s*"[^"]*"/g,
    (_, key) => `"${key}":"${REDACTED}"`,
  ],
  [/\/\/[^/@\s:]+:[^/@\s]+@/g, () => `//${REDACTED}@`],
];

/** Secret values the client knows of (password, client secret, tokens). Shared by reference. */
export class SecretSet {
  readonly #values = new Set<string>();

  add(...values: Array<string | null | undefined>): void {
    // Very short values would redact ordinary words; no real credential is that short.
    for (const value of values) if (value && value.length >= 4) this.#values.add(value);
  }

  get values(): Iterable<string> {
    return this.#values;
  }
}

export function redact(text: string, secrets?: SecretSet): string {
  let out = text;
  if (secrets) {
    for (const value of secrets.values) {
      out = out.split(value).join(REDACTED);
      // The same value base64- or URL-encoded (Basic header, form body, query string).
      const encoded = encodeURIComponent(value);
      if (encoded !== value) out = out.split(encoded).join(REDACTED);
    }
  }
  for (const [pattern, replace] of PATTERNS) out = out.replace(pattern, replace);
  return out;
}

/** A URL fit for an error message: no user info, no credential query parameters. */
export function redactUrl(url: string, secrets?: SecretSet): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    for (const key of [...parsed.searchParams.keys()]) {
      if (/token|secret|password|^code$/i.test(key)) parsed.searchParams.set(key, REDACTED);
    }
    return redact(parsed.toString(), secrets);
  } catch {
    return redact(url, secrets);
  }
}

const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|password|client_?secret|access_?token|refresh_?token|code)$/i;

/** Deep-copies plain data, redacting strings and dropping values under secret-looking keys. */
export function redactValue(value: unknown, secrets?: SecretSet, depth = 0): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redactValue(item, secrets, depth + 1);
  }
  return out;
}
