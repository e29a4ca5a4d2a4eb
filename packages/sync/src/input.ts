import { MauticInvalidInputError } from './errors';

/**
 * Checks on caller input, run before any request so that a bad value never reaches Mautic (or a
 * URL path). Each throws MauticInvalidInputError naming the field.
 */

// Deliberately permissive in the local part: `+`, `_`, `%`, `'` and non-ASCII letters are all real
// addresses that other clients mangle. What it refuses is what Mautic would refuse too.
const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:.]{2,}$/u;

export function assertEmail(value: unknown, field = 'email'): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new MauticInvalidInputError(`${field} is required`, field);
  }
  const email = value.trim();
  if (email.length > 254 || !EMAIL.test(email) || email.includes('..')) {
    throw new MauticInvalidInputError(`${field} is not a valid email address: ${JSON.stringify(email)}`, field);
  }
  return email;
}

/** A Mautic id: a positive integer, given as a number or a string of digits. */
export function assertId(value: unknown, field = 'id'): number {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
    throw new MauticInvalidInputError(`${field} must be a positive integer, got ${JSON.stringify(value)}`, field);
  }
  return id;
}

/** A tag name as the caller means it; a leading `-` is Mautic's "remove", so it is refused here. */
export function assertTagName(value: unknown, field = 'tag'): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new MauticInvalidInputError(`${field} must be a non-empty string`, field);
  }
  const tag = value.trim();
  if (tag.startsWith('-')) {
    throw new MauticInvalidInputError(`${field} must not start with "-" (Mautic reads that as "remove")`, field);
  }
  if (tag.includes(',')) {
    throw new MauticInvalidInputError(`${field} must not contain a comma (Mautic splits tags on commas)`, field);
  }
  return tag;
}

export function assertNonEmptyString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new MauticInvalidInputError(`${field} is required`, field);
  }
  return value;
}
