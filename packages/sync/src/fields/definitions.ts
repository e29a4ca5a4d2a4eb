import { type MauticWooFieldDefinition, mauticWooFields } from '@mautic-woo/spec/fields';

// The definitions live in the spec package, their one source; this subpath is plain data.
export type { MauticWooFieldAlias } from '@mautic-woo/spec/fields';
export type CustomFieldDefinition = MauticWooFieldDefinition;
export const MAUTIC_WOO_FIELDS = mauticWooFields;
