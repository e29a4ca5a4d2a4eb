import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { createSpecValidator } from '../src/contract/spec-validator';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

// biome-ignore lint/suspicious/noExplicitAny: a parsed OpenAPI document is walked generically.
export type Json = any;

/** The spec parsed straight from openapi.yaml (the source of truth). */
export const spec: Json = parse(readFileSync(fileURLToPath(new URL('../openapi.yaml', import.meta.url)), 'utf8'));

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapePointer = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** JSON pointer for a path of keys. */
export const pointer = (...keys: string[]) => `/${keys.map(escapePointer).join('/')}`;

/** Value at a JSON pointer inside the spec. */
export function at(ptr: string): Json {
  return ptr
    .split('/')
    .slice(1)
    .reduce((node: Json, key) => (node == null ? undefined : node[unescapePointer(key)]), spec);
}

/** Follows a local `$ref` chain; returns the object and its pointer. */
export function deref(node: Json, ptr: string): { node: Json; ptr: string } {
  let current = node;
  let currentPtr = ptr;
  while (current && typeof current.$ref === 'string') {
    const ref: string = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`non-local $ref ${ref}`);
    currentPtr = ref.slice(1);
    current = at(currentPtr);
    if (current === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return { node: current, ptr: currentPtr };
}

// The same validator the live contract check uses, over the spec parsed from openapi.yaml.
const specValidator = createSpecValidator(spec);

/** Validator for the schema found at a JSON pointer of the spec. */
export const validatorAt = (ptr: string): ValidateFunction => specValidator.at(ptr);

/** Validator for `#/components/schemas/<name>`. */
export const schemaValidator = (name: string) => validatorAt(pointer('components', 'schemas', name));

export function errorsOf(validate: ValidateFunction): string {
  return specValidator.errorsText(validate.errors);
}

export interface Operation {
  operationId: string;
  path: string;
  method: string;
  ptr: string;
  node: Json;
}

export function operations(): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<Json>(spec.paths)) {
    for (const method of HTTP_METHODS) {
      if (item[method]) {
        out.push({
          operationId: item[method].operationId,
          path,
          method,
          ptr: pointer('paths', path, method),
          node: item[method],
        });
      }
    }
  }
  return out;
}

export interface MediaTypeUse {
  operationId: string;
  /** 'request' or the response status. */
  where: string;
  mediaType: string;
  /** Pointer to the (possibly $ref) schema of this media type. */
  schemaPtr: string;
  media: Json;
}

/** Every request body and response media type of every operation, with $refs followed. */
export function mediaTypeUses(): MediaTypeUse[] {
  const out: MediaTypeUse[] = [];
  for (const op of operations()) {
    const bodies: [string, Json, string][] = [];
    if (op.node.requestBody) {
      const { node, ptr } = deref(op.node.requestBody, `${op.ptr}/requestBody`);
      bodies.push(['request', node, ptr]);
    }
    for (const [status, response] of Object.entries<Json>(op.node.responses ?? {})) {
      const { node, ptr } = deref(response, `${op.ptr}/responses/${status}`);
      bodies.push([status, node, ptr]);
    }
    for (const [where, node, ptr] of bodies) {
      for (const [mediaType, media] of Object.entries<Json>(node.content ?? {})) {
        const mediaPtr = `${ptr}/content/${escapePointer(mediaType)}`;
        out.push({ operationId: op.operationId, where, mediaType, schemaPtr: `${mediaPtr}/schema`, media });
      }
    }
  }
  return out;
}

export interface ExampleCase {
  id: string;
  operationId: string;
  where: string;
  mediaType: string;
  key: string;
  schemaPtr: string;
  value: Json;
}

/** Every named example of every request/response, with its schema pointer. */
export function exampleCases(): ExampleCase[] {
  const out: ExampleCase[] = [];
  for (const use of mediaTypeUses()) {
    for (const [key, example] of Object.entries<Json>(use.media.examples ?? {})) {
      const { node } = deref(example, '');
      out.push({
        id: `${use.operationId} ${use.where} ${use.mediaType} ${key}`,
        operationId: use.operationId,
        where: use.where,
        mediaType: use.mediaType,
        key,
        schemaPtr: use.schemaPtr,
        value: node.value,
      });
    }
  }
  return out;
}

/** Pointer to the schema of an operation's response (first media type) or request body. */
export function schemaPtrFor(operationId: string, where: string): string {
  const use = mediaTypeUses().find((u) => u.operationId === operationId && u.where === where);
  if (!use) throw new Error(`no ${where} media type for ${operationId}`);
  return use.schemaPtr;
}
