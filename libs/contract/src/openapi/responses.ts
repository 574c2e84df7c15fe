import type { ContentObject, HeaderObject, ResponseObject } from 'openapi3-ts';
import type { GatewayAnswer } from '../lib/gateway-answers';
import { ContentTypes, Headers, type HeaderName } from '../lib/headers';
import { ProblemHeaders, ProblemTypes, type ProblemTypeName } from '../lib/problem';
import { problemExample } from './examples';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Every header a response can carry, described once. */
const headerDocs: Partial<Record<HeaderName, HeaderObject>> = {
  [Headers.etag]: {
    description: 'Strong entity tag of the item version, e.g. `"3"`',
    schema: { type: 'string', maxLength: 18, pattern: '^"[1-9][0-9]{0,15}"$' },
  },
  [Headers.location]: {
    description: 'URL path of the created item',
    schema: { type: 'string', maxLength: 33, pattern: '^/items/[0-7][0-9A-HJKMNP-TV-Z]{25}$' },
  },
  [Headers.retryAfter]: {
    description: 'Seconds to wait before retrying (RFC 9110 §10.2.3)',
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86400 },
  },
  [Headers.wwwAuthenticate]: {
    description:
      'The Bearer challenge (RFC 6750 §3), with `error="invalid_token"` when the token was not usable',
    schema: { type: 'string', maxLength: 1024, pattern: '^Bearer( .*)?$' },
  },
  [Headers.allow]: {
    description: 'The methods this path supports (RFC 9110 §10.2.1)',
    schema: { type: 'string', maxLength: 64, pattern: '^[A-Z]+(, [A-Z]+)*$' },
  },
};

/** Response headers, `required` when every answer of the status sends them. */
export function headersOf(
  names: Iterable<HeaderName>,
  always: ReadonlySet<HeaderName> = new Set(names),
): Record<string, HeaderObject> | undefined {
  const list = [...names];
  if (list.length === 0) return undefined;
  return Object.fromEntries(
    list.map((name) => {
      const doc = headerDocs[name];
      if (!doc) throw new Error(`no description of the ${name} response header`);
      return [name, { ...doc, ...(always.has(name) ? { required: true } : {}) }];
    }),
  );
}

/** The problem+json media type for some problem types of one status: their `type`s as an enum. */
export function problemMediaType(names: readonly ProblemTypeName[]) {
  const kinds = names.map((name) => ProblemTypes[name]);
  const status = kinds[0]?.status;
  return {
    schema: {
      allOf: [
        ref('Problem'),
        {
          type: 'object' as const,
          properties: {
            type: { type: 'string' as const, enum: kinds.map((kind) => kind.type) },
            status: {
              type: 'integer' as const,
              format: 'int32',
              minimum: status,
              maximum: status,
              enum: [status],
            },
          },
        },
      ],
    },
    examples: Object.fromEntries(
      names.map((name) => [
        name,
        { summary: ProblemTypes[name].title, value: problemExample(name) },
      ]),
    ),
  };
}

/** An error status: the function's problems and API Gateway's answers for it, each media type once. */
export function errorResponse(
  status: number,
  problems: readonly ProblemTypeName[],
  gateway: readonly GatewayAnswer[],
): ResponseObject {
  const lines = [
    ...problems.map(
      (name) => `\`${ProblemTypes[name].type}\` (function): ${ProblemTypes[name].title}`,
    ),
    ...gateway.map(
      (answer) => `\`{"message": "${answer.message}"}\` (API Gateway): ${answer.when}`,
    ),
  ];
  const headerSets = [
    ...problems.map((name) => new Set(ProblemHeaders[name] ?? [])),
    ...gateway.map((answer) => new Set(answer.headers ?? [])),
  ];
  const names = new Set(headerSets.flatMap((set) => [...set]));
  const always = new Set([...names].filter((name) => headerSets.every((set) => set.has(name))));
  const headers = headersOf(names, always);
  const content: ContentObject = {};
  if (problems.length > 0) content[ContentTypes.problem] = problemMediaType(problems);
  if (gateway.length > 0) {
    content[ContentTypes.json] = {
      schema: ref('GatewayError'),
      examples: Object.fromEntries(
        gateway.map((answer) => [
          `gateway${answer.status}`,
          { value: { message: answer.message } },
        ]),
      ),
    };
  }
  return {
    description:
      lines.length === 1 ? (lines[0] ?? '') : lines.map((line) => `- ${line}`).join('\n'),
    ...(headers ? { headers } : {}),
    ...(Object.keys(content).length > 0 ? { content } : {}),
  };
}
