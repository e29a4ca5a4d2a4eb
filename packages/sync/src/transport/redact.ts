/**
 * What counts as a secret, and its removal. Called from every error's constructor and before
 * anything reaches the logger, so a secret cannot leak by a path nobody thought of. A server can
 * echo a secret transformed (JSON-escaped, HTML-escaped, URL-encoded), so each known value is
 * matched in each of those forms. Customers' emails are personal data and are removed the same way.
 */

const REDACTED = '[redacted]';
const EMAIL_REDACTED = '[email]';

// Local part, then `@` plain or percent-encoded (a lookup URL's query), then a dotted domain.
const EMAIL_PATTERN = /[\p{L}\p{N}._%+'!~-]+(?:@|%40)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[\p{L}]{2,}/gu;

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
  // Form and query fields, also URL-encoded (`=` as %3D) and HTML-escaped (`&amp;` before the key).
  [
    /\b(access_token|refresh_token|client_secret|password|code)(=|%3D)([^&\s"'<]+)/gi,
    (_, key, eq) => `${key}${eq}${REDACTED}`,
  ],
  // JSON keys, also when the JSON sits JSON-escaped (`\"`), HTML-escaped (`&quot;`) or URL-encoded (`%22`) in a string.
  [
    /((?:\\*"|&quot;|%22)(?:access_token|refresh_token|client_secret|password|accessToken|refreshToken|clientSecret)(?:\\*"|&quot;|%22)\s*(?::|%3A)\s*)(\\*"|&quot;|%22)(?:(?!\2)[^<>\s])*\2?/gi,
    (_, head, quote) => `${head}${quote}${REDACTED}${quote}`,
  ],
  [/\/\/[^/@\s:]+:[^/@\s]+@/g, () => `//${REDACTED}@`],
];

const escapeHtml = (value: string) =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
const escapeJson = (value: string) => JSON.stringify(value).slice(1, -1);
// PHP's json_encode escapes every non-ASCII character and `/` by default.
const escapeJsonAscii = (value: string) =>
  escapeJson(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The forms a value takes when a server echoes it: as is, URL-encoded, form-encoded, JSON- and HTML-escaped. */
function forms(value: string): string[] {
  const encoded = encodeURIComponent(value);
  const all = [
    value,
    encoded,
    encoded.replace(/%20/g, '+'),
    escapeJson(value),
    escapeJsonAscii(value),
    escapeHtml(value),
  ];
  all.push(escapeHtml(escapeJsonAscii(value)), encodeURIComponent(escapeJsonAscii(value)));
  // Longest first, so a form is not half-replaced by a shorter one it contains.
  return [...new Set(all)].sort((a, b) => b.length - a.length);
}

/** Secret values the client knows of (password, client secret, tokens). Shared by reference. */
export class SecretSet {
  readonly #values = new Map<string, string[]>();

  add(...values: Array<string | null | undefined>): void {
    // Very short values would redact ordinary words; no real credential is that short.
    for (const value of values)
      if (value && value.length >= 4 && !this.#values.has(value)) this.#values.set(value, forms(value));
  }

  get values(): Iterable<string> {
    return this.#values.keys();
  }

  /** Every form of every value, longest first. */
  get forms(): string[] {
    return [...this.#values.values()].flat().sort((a, b) => b.length - a.length);
  }
}

export function redact(text: string, secrets?: SecretSet): string {
  let out = text;
  if (secrets) for (const form of secrets.forms) out = out.split(form).join(REDACTED);
  for (const [pattern, replace] of PATTERNS) out = out.replace(pattern, replace);
  return out.replace(EMAIL_PATTERN, EMAIL_REDACTED);
}

/**
 * For text that is shortened before it is shown (a body excerpt): redact the whole text, shorten
 * the redacted text, then redact again, so a secret cut in half at the boundary, or one that only
 * the shortening (tag stripping, entity decoding) brings together, is gone as well.
 */
export function redactAround(text: string, shorten: (text: string) => string, secrets?: SecretSet): string {
  return redact(shorten(redact(text, secrets)), secrets);
}

/** A URL fit for an error message: no user info, no credential query parameters. */
export function redactUrl(url: string, secrets?: SecretSet): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    for (const [key, value] of [...parsed.searchParams]) {
      if (/token|secret|password|^code$/i.test(key)) parsed.searchParams.set(key, REDACTED);
      // An exact-email lookup carries the customer's email in `where[0][val]`.
      else if (value.includes('@')) parsed.searchParams.set(key, EMAIL_REDACTED);
    }
    return redact(parsed.toString(), secrets);
  } catch {
    return redact(url, secrets);
  }
}

const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|password|client_?secret|access_?token|refresh_?token|code)$/i;

const MAX_DEPTH = 8;

/**
 * Deep-copies plain data, redacting strings and dropping values under secret-looking keys. What is
 * nested deeper than the walk goes is dropped, not passed on unredacted.
 */
export function redactValue(value: unknown, secrets?: SecretSet, depth = 0): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redactValue(item, secrets, depth + 1);
  }
  return out;
}
