import { createDocumentAjv, type OpenApiDocument } from './document-ajv';

type HeaderSchema = { required?: boolean; schema?: Record<string, unknown> };
type MediaType = { schema?: unknown };
type ResponseObject = {
  headers?: Record<string, HeaderSchema>;
  content?: Record<string, MediaType>;
};
type Operation = { responses: Record<string, ResponseObject> };

/** A response as a test saw it on the wire. */
export type ObservedResponse = {
  method: string;
  /** Path and query as requested, e.g. `/items?limit=5`. */
  url: string;
  status: number;
  headers: { get(name: string): string | null };
  body: string;
};

const methods = ['get', 'head', 'post', 'put', 'delete', 'patch', 'options', 'trace'];
const jsonMediaType = /^application\/(?:[\w.+-]+\+)?json$/;

/** API Gateway's own answers: possible before the function on any path, listed or not. */
const gatewayStatuses = new Set([401, 403, 413, 429, 431, 500, 503]);

const templateRegExp = (template: string) =>
  new RegExp(
    `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '[^/]+')}$`,
  );

const mediaTypeOf = (headers: ObservedResponse['headers']) =>
  headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();

/**
 * Checks responses against an OpenAPI 3.0 document with Ajv, knowing nothing but the document:
 * the status must be declared for the operation (or be the path's `x-method-not-allowed`, or —
 * for a path the document does not list — a 404 problem), required headers present and every
 * declared header valid, the media type declared and the body valid against its schema, and no
 * body where none is declared (HEAD, 204, 304).
 */
export function createResponseValidator(document: OpenApiDocument) {
  const ajv = createDocumentAjv(document);
  const paths = Object.entries(document.paths).map(([template, item]) => ({
    template,
    item,
    pattern: templateRegExp(template),
  }));
  const problem = { $ref: '#/components/schemas/Problem' };
  const gatewayError = { $ref: '#/components/schemas/GatewayError' };
  const unknownPath: ResponseObject = {
    content: { 'application/problem+json': { schema: problem } },
  };
  // 431 (headers too large) has no body; the others are `{"message"}`.
  const gatewayAnswer = (status: number): ResponseObject =>
    status === 431 ? {} : { content: { 'application/json': { schema: gatewayError } } };
  let validated = 0;

  function declaredResponse(method: string, path: string, status: number) {
    const found = paths.find(({ pattern }) => pattern.test(path));
    if (!found) {
      if (status === 404) return { response: unknownPath, where: `unlisted path ${path}` };
      return gatewayStatuses.has(status)
        ? { response: gatewayAnswer(status), where: `unlisted path ${path}` }
        : { error: `${status} for a path the document does not list (${path})` };
    }
    const where = `${method.toUpperCase()} ${found.template}`;
    const operation = found.item[method] as Operation | undefined;
    if (!operation) {
      if (status === 405) {
        return { response: found.item['x-method-not-allowed'] as ResponseObject, where };
      }
      return gatewayStatuses.has(status)
        ? { response: gatewayAnswer(status), where }
        : { error: `${where}: not an operation, and ${status} is not its 405` };
    }
    const response = operation.responses[String(status)] ?? operation.responses['default'];
    return response ? { response, where } : { error: `${where}: status ${status} is not declared` };
  }

  function headerViolations(response: ResponseObject, observed: ObservedResponse, where: string) {
    return Object.entries(response.headers ?? {}).flatMap(([name, header]) => {
      const value = observed.headers.get(name);
      if (value === null)
        return header.required ? [`${where}: missing required header ${name}`] : [];
      if (!header.schema) return [];
      const typed = header.schema['type'] === 'integer' ? Number(value) : value;
      const validate = ajv.compile(header.schema);
      return validate(typed)
        ? []
        : [`${where}: header ${name}: ${value}: ${ajv.errorsText(validate)}`];
    });
  }

  function bodyViolations(response: ResponseObject, observed: ObservedResponse, where: string) {
    const content = response.content;
    const isHead = observed.method.toUpperCase() === 'HEAD';
    if (!content || isHead) {
      return observed.body === '' ? [] : [`${where}: a body where none is declared`];
    }
    const mediaType = mediaTypeOf(observed.headers) ?? '';
    const declared = content[mediaType] ?? content['*/*'];
    if (!declared) {
      return [
        `${where}: media type ${mediaType || '(none)'} is not declared (${Object.keys(content).join(', ')})`,
      ];
    }
    if (!jsonMediaType.test(mediaType) || declared.schema === undefined) return [];
    let json: unknown;
    try {
      json = JSON.parse(observed.body);
    } catch {
      return [`${where}: ${mediaType} body is not JSON: ${observed.body.slice(0, 120)}`];
    }
    const validate = ajv.compile(declared.schema);
    return validate(json)
      ? []
      : [
          `${where}: body does not match its schema: ${ajv.errorsText(validate)}: ${observed.body.slice(0, 300)}`,
        ];
  }

  return {
    /**
     * How the response departs from the document, as readable lines (empty when it keeps it);
     * `undefined` when the document does not cover the exchange (CORS preflight, local-only
     * routes), which then does not count as validated.
     */
    check(observed: ObservedResponse): string[] | undefined {
      const method = observed.method.toLowerCase();
      const path = observed.url.split('?')[0] ?? '';
      if (method === 'options' || path.startsWith('/_local/') || !methods.includes(method)) {
        return undefined;
      }
      validated += 1;
      const found = declaredResponse(method, path, observed.status);
      if ('error' in found) return [found.error ?? ''];
      const { response, where } = found;
      const label = `${where} → ${observed.status}`;
      return [
        ...headerViolations(response, observed, label),
        ...bodyViolations(response, observed, label),
      ];
    },
    /** How many responses `check` has validated. */
    get validated() {
      return validated;
    },
  };
}
