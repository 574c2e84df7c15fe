import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export type OpenApiDocument = {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
} & Record<string, unknown>;

const componentBase = 'https://openapi.invalid/components/schemas/';

/** `#/components/schemas/X` refs as absolute ids Ajv can resolve without the rest of the document. */
function absoluteRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(absoluteRefs);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string'
        ? value.replace('#/components/schemas/', componentBase)
        : absoluteRefs(value),
    ]),
  );
}

/**
 * Ajv (JSON Schema, strict mode) over an OpenAPI 3.0 document's schemas: its components are
 * registered once, and any schema of the document compiles against them. Nothing here knows the
 * project's zod schemas — the document is the only source. Patterns run in Unicode mode and
 * lengths count code points, as JSON Schema specifies.
 */
export function createDocumentAjv(document: OpenApiDocument) {
  const ajv = new Ajv({ allErrors: true, strict: true, unicodeRegExp: true });
  addFormats(ajv);
  // OpenAPI 3.0 formats and the schema keywords JSON Schema does not know.
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('binary', true);
  ajv.addKeyword('example');
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    ajv.addSchema(absoluteRefs(schema) as object, `${componentBase}${name}`);
  }
  const cache = new Map<unknown, ValidateFunction>();
  return {
    /** A validator for one schema object of the document (cached by identity). */
    compile(schema: unknown): ValidateFunction {
      const known = cache.get(schema);
      if (known) return known;
      const compiled = ajv.compile(absoluteRefs(schema) as object);
      cache.set(schema, compiled);
      return compiled;
    },
    errorsText: (validate: ValidateFunction) =>
      ajv.errorsText(validate.errors, { separator: '; ' }),
  };
}
