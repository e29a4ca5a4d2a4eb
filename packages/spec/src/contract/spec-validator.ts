import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** `$id` under which the whole OpenAPI document is registered, so its local `$ref`s resolve. */
export const SPEC_ID = 'https://mautic-woo.invalid/openapi.json';

// OpenAPI members and extensions Ajv must accept as keywords in strict mode: the ones that may
// appear inside schemas, and the top-level members of the document (registered as one schema).
const OPENAPI_KEYWORDS = [
  'discriminator',
  'example',
  'xml',
  'externalDocs',
  'x-mautic-field',
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'paths',
  'webhooks',
  'components',
  'security',
  'tags',
  'x-mautic-woo-fields',
];

export interface SpecValidator {
  /** Validator for the schema at a JSON pointer of the document (`/components/schemas/Contact`). */
  at(pointer: string): ValidateFunction;
  /** Ajv's errors as one readable text. */
  errorsText(errors: ErrorObject[] | null | undefined): string;
}

/** Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) over a parsed OpenAPI document. */
export function createSpecValidator(spec: object): SpecValidator {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
    keywords: OPENAPI_KEYWORDS,
  });
  addFormats(ajv);
  ajv.addSchema({ ...spec, $id: SPEC_ID }, undefined, undefined, false);
  const cache = new Map<string, ValidateFunction>();
  return {
    at(pointer) {
      let validate = cache.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
        cache.set(pointer, validate);
      }
      return validate;
    },
    errorsText: (errors) => ajv.errorsText(errors, { separator: '\n' }),
  };
}
