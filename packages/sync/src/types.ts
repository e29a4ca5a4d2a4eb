/**
 * Public shapes of what Mautic sends, as this package hands them over. Looser than the spec where
 * Mautic varies across versions (ids as strings or numbers, groups as [] or {}), so that callers
 * read `contact.fields.all` without caring which version answered.
 */

export type FieldValue = string | number | boolean | null;

export interface Contact {
  id: number;
  fields: {
    all: Record<string, FieldValue | undefined>;
    [group: string]: unknown;
  };
  tags?: Array<{ id?: number; tag: string }>;
  /** Do-not-contact entries, one per channel at most. */
  doNotContact?: DoNotContact[];
  points?: number;
  dateAdded?: string | null;
  dateModified?: string | null;
  [key: string]: unknown;
}

/** 1 = unsubscribed (by the contact), 2 = bounced (by the mail server), 3 = manual (a user or the API). */
export type DoNotContactReason = 1 | 2 | 3;

/** A do-not-contact entry as Mautic answers it. */
export interface DoNotContact {
  id?: number;
  dateAdded?: string | null;
  reason: DoNotContactReason;
  comments?: string | null;
  channel: string;
  channelId?: number | null;
  [key: string]: unknown;
}

export interface Field {
  id: number | string;
  alias: string;
  label: string;
  type: string;
  group?: string;
  isPublished?: boolean;
  [key: string]: unknown;
}

export interface Tag {
  id: number;
  tag: string;
  [key: string]: unknown;
}

export interface Note {
  id: number;
  text: string;
  type: string;
  [key: string]: unknown;
}

/** Standard contact fields by alias, plus custom fields by alias. */
export interface ContactFields {
  email?: string;
  firstname?: string;
  lastname?: string;
  phone?: string;
  mobile?: string;
  company?: string;
  address1?: string;
  address2?: string;
  city?: string;
  /** Mautic's full region name, e.g. "California" (see `mauticRegionName`). */
  state?: string;
  zipcode?: string;
  /** Mautic's country name, e.g. "United States" (see `mauticCountryName`). */
  country?: string;
  [alias: string]: FieldValue | string[] | undefined;
}

/** Mautic answers lists as an id-keyed object, or as an array (empty lists, older docs). */
export function listValues<T>(list: unknown): T[] {
  if (Array.isArray(list)) return list as T[];
  if (list && typeof list === 'object') return Object.values(list) as T[];
  return [];
}

/** A contact write as Mautic takes it: fields by alias, tags to add (`-tag` removes), and the blank rule. */
export type ContactInput = ContactFields & { tags?: string[]; overwriteWithBlank?: boolean };
