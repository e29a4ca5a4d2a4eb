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

export { type MauticWooFieldAlias, type MauticWooFieldDefinition, mauticWooFields } from './fields';

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
