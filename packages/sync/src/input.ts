import { MauticInvalidInputError } from './errors';
import { MAUTIC_WOO_FIELDS } from './fields/definitions';

/** Throws the input error of `field`: its name, then what is wrong (a `message` never quotes an email). */
export function invalidInput(field: string, message: string): never {
  throw new MauticInvalidInputError(`${field} ${message}`, field);
}

/**
 * Checks on caller input, run before any request so that a bad value never reaches Mautic (or a
 * URL path). Each throws MauticInvalidInputError naming the field.
 */

// Deliberately permissive in the local part: `+`, `_`, `%`, `'` and non-ASCII letters are all real
// addresses that other clients mangle. What it refuses is what Mautic (or a mail server) would refuse.
const LOCAL_FORBIDDEN = /[\s"<>()[\]\\,;:@]/u;
// Control characters, and format characters: bidi overrides (U+202E…) and zero-width joiners can
// make an address display as another one.
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

function emailProblem(email: string): string | null {
  if (email.length > 254) return 'longer than 254 characters';
  if (INVISIBLE.test(email)) return 'it contains control or invisible formatting characters';
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1) return 'it needs one "@" between a local part and a domain';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > 64) return 'the part before "@" is longer than 64 characters';
  if (LOCAL_FORBIDDEN.test(local)) return 'the part before "@" contains a space or one of "<>()[]\\,;:@';
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return 'the part before "@" starts or ends with a dot, or has two in a row';
  }
  const labels = domain.split('.');
  if (labels.length < 2) return 'the domain has no dot';
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) {
    return 'a domain label is empty, too long, or starts or ends with "-" or holds other characters';
  }
  if (!/^\p{L}{2,}$/u.test(labels.at(-1) ?? '') && !/^xn--[a-z0-9-]+$/i.test(labels.at(-1) ?? '')) {
    return 'the top-level domain is not made of letters';
  }
  return null;
}

/** A customer's email, trimmed. The message never quotes it: an email is personal data. */
export function assertEmail(value: unknown, field = 'email'): string {
  if (typeof value !== 'string' || value.trim() === '') {
    invalidInput(field, 'is required');
  }
  const email = value.trim();
  const problem = emailProblem(email);
  if (problem !== null) invalidInput(field, `is not a valid email address: ${problem}`);
  return email;
}

/** A Mautic id: a positive integer, given as a number or a string of digits. */
export function assertId(value: unknown, field = 'id'): number {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
    invalidInput(field, `must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return id;
}

/** A tag name as the caller means it; a leading `-` is Mautic's "remove", so it is refused here. */
export function assertTagName(value: unknown, field = 'tag'): string {
  if (typeof value !== 'string' || value.trim() === '') {
    invalidInput(field, 'must be a non-empty string');
  }
  const tag = value.trim();
  if (tag.startsWith('-')) {
    invalidInput(field, 'must not start with "-" (Mautic reads that as "remove")');
  }
  if (tag.includes(',')) {
    invalidInput(field, 'must not contain a comma (Mautic splits tags on commas)');
  }
  return tag;
}

export function assertNonEmptyString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    invalidInput(field, 'is required');
  }
  return value;
}

/** A list of tag names (an array; a single string is refused, not split into letters). */
export function assertTagList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    invalidInput(field, `must be an array of tag names, got ${typeof value}`);
  }
  return value.map((tag, i) => assertTagName(tag, `${field}[${i}]`));
}

// What a field's database column holds (Mautic 4/5): a text-like field is VARCHAR(191) characters
// unless it was created with a smaller `charLengthLimit`; a textarea is TEXT, 65,535 bytes; no
// field holds more than that. A longer value fails the whole contact write with a 400.
const TEXT_CHARS = 191;
const TEXTAREA_BYTES = 65_535;
const CORE_TEXT_FIELDS = [
  'title',
  'firstname',
  'lastname',
  'company',
  'position',
  'email',
  'mobile',
  'phone',
  'fax',
  'address1',
  'address2',
  'city',
  'state',
  'zipcode',
  'country',
  'website',
  'preferred_locale',
  'timezone',
];
type Limit = { chars?: number; bytes?: number };
const FIELD_LIMITS = new Map<string, Limit>(CORE_TEXT_FIELDS.map((alias) => [alias, { chars: TEXT_CHARS }]));
// The package's own fields are created with their `charLengthLimit` (see @mautic-woo/spec/fields).
for (const field of MAUTIC_WOO_FIELDS) {
  const chars = 'charLengthLimit' in field ? field.charLengthLimit : TEXT_CHARS;
  FIELD_LIMITS.set(field.alias, field.type === 'textarea' ? { bytes: TEXTAREA_BYTES } : { chars });
}

/**
 * Refuses a value longer than its Mautic field can hold, naming the field (never the value).
 * `limits` adds or overrides per-alias limits in characters (a field's `charLengthLimit`).
 */
export function assertFieldLengths(fields: Record<string, unknown>, limits: Record<string, number> = {}): void {
  for (const [alias, value] of Object.entries(fields)) {
    if (typeof value !== 'string') continue;
    const chars = limits[alias] ?? FIELD_LIMITS.get(alias)?.chars;
    if (chars !== undefined && [...value].length > chars) {
      throw new MauticInvalidInputError(
        `${alias} is ${[...value].length} characters long; the Mautic field holds ${chars}`,
        alias,
      );
    }
    const bytes = new TextEncoder().encode(value).length;
    if (bytes > TEXTAREA_BYTES) {
      throw new MauticInvalidInputError(
        `${alias} is ${bytes} bytes long; no Mautic field holds more than 65,535`,
        alias,
      );
    }
  }
}
