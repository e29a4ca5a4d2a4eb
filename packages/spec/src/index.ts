import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the hand-written OpenAPI 3.1 document (the single source of truth). */
export const specPath: string = fileURLToPath(new URL('../openapi.yaml', import.meta.url));

/** Absolute path of the same document as JSON (written by the package build). */
export const specJsonPath: string = fileURLToPath(new URL('../openapi.json', import.meta.url));

/** The operationIds the spec defines, in spec order. */
export const operationIds = [
  'createContact',
  'editContact',
  'getContact',
  'listContacts',
  'listContactFields',
  'createContactField',
  'listTags',
  'createTag',
  'createNote',
  'sendEmailToContact',
  'addContactToSegment',
  'createContactsBatch',
  'editContactsBatch',
  'deleteContact',
  'addDoNotContact',
  'removeDoNotContact',
  'listContactNotes',
  'removeContactFromSegment',
  'requestToken',
] as const;

export type OperationId = (typeof operationIds)[number];

/** Definition of a custom contact field the sync layer creates in Mautic. */
export interface MauticWooFieldDefinition {
  /** Field alias (≤ 25 characters, so Mautic keeps it as is). */
  readonly alias: string;
  /** Field label shown in Mautic. */
  readonly label: string;
  /** Mautic field type. */
  readonly type: 'text' | 'textarea' | 'url' | 'number';
  /** Mautic field group. */
  readonly group: 'core';
}

/** The six custom contact fields of the mautic-woo sync layer (also under `x-mautic-woo-fields` in the spec). */
export const mauticWooFields = [
  { alias: 'mautic_woo_order_data', label: 'Last Order Data', type: 'textarea', group: 'core' },
  { alias: 'mautic_woo_cart_data', label: 'Abandoned Cart Data', type: 'textarea', group: 'core' },
  { alias: 'mautic_woo_recovery_url', label: 'Cart Recovery URL', type: 'url', group: 'core' },
  { alias: 'mautic_woo_total_spent', label: 'Total Spent', type: 'number', group: 'core' },
  { alias: 'mautic_woo_order_count', label: 'Order Count', type: 'number', group: 'core' },
  { alias: 'mautic_woo_coupon_code', label: 'Recovery Coupon Code', type: 'text', group: 'core' },
] as const satisfies readonly MauticWooFieldDefinition[];

export type MauticWooFieldAlias = (typeof mauticWooFields)[number]['alias'];

/** A parsed OpenAPI document (loosely typed). */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** Reads and parses openapi.json at call time (a fresh object on every call). */
export function loadSpec(): OpenApiDocument {
  return JSON.parse(readFileSync(specJsonPath, 'utf8')) as OpenApiDocument;
}
