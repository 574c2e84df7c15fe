import { generateOpenApi } from '@ts-rest/open-api';
import type { OpenAPIObject, OperationObject, PathItemObject } from 'openapi3-ts';
import { docsContract } from '../lib/docs-contract';
import { GatewayAnswers } from '../lib/gateway-answers';
import { Headers } from '../lib/headers';
import { itemsContract } from '../lib/items-contract';
import { RequestLimits } from '../lib/limits';
import { ProblemLimits, ProblemTypes } from '../lib/problem';
import { componentSchemas, tidySchema } from './named-schemas';
import { completeOperation, headOperation } from './operation';
import { problemMediaType } from './responses';

const problemTable = Object.values(ProblemTypes)
  .map((kind) => `| ${kind.status} | \`${kind.type}\` | ${kind.title} |`)
  .join('\n');

const gatewayTable = GatewayAnswers.map(
  (answer) => `| ${answer.status} | \`{"message": "${answer.message}"}\` | ${answer.when} |`,
).join('\n');

const description = `CRUD API for your items, behind API Gateway (HTTP API) with a JWT authorizer.

Every items route needs \`Authorization: Bearer <JWT>\`; you only ever see your own items.
Writes use optimistic locking: send the \`ETag\` you read as \`If-Match\`.
\`POST /items\` accepts an \`Idempotency-Key\` so retries never create duplicates.

**What the server accepts is what this document says.** Lengths count Unicode code points;
text must be well-formed Unicode; names and tags must not start or end with white space (they
are stored exactly as sent, never trimmed). Unknown or server-owned body fields are refused by
name; query parameters an operation does not list are ignored; a body on \`GET\`, \`HEAD\` or
\`DELETE\` is ignored. Bodies over ${RequestLimits.maxBodyBytes} bytes are refused (413).
\`HEAD\` is answered wherever \`GET\` is, with the same status and headers and no body.

Errors from the function are \`application/problem+json\` (RFC 9457). Each operation lists the
types it can answer; validation problems list at most ${ProblemLimits.errorsMax} field errors and
\`detail\` says how many there were:

| status | type | title |
|---|---|---|
${problemTable}

A path this document does not list answers 404 \`not-found\`; a method a path does not list
answers 405 \`method-not-allowed\` with \`Allow\` (each path's \`x-method-not-allowed\`).

API Gateway answers some requests itself, as \`application/json\`:

| status | body | when |
|---|---|---|
${gatewayTable}`;

const methods = ['get', 'head', 'post', 'put', 'delete'] as const;

/** The 405 answer for a method the path does not list, with the `Allow` value it sends. */
function methodNotAllowed(path: PathItemObject) {
  const allow = methods.filter((method) => path[method]).map((method) => method.toUpperCase());
  return {
    description: `\`${ProblemTypes.methodNotAllowed.type}\` (function): any method other than ${allow.join(', ')}`,
    headers: {
      [Headers.allow]: {
        required: true,
        description: 'The methods this path supports (RFC 9110 §10.2.1)',
        schema: { type: 'string', enum: [allow.join(', ')] },
      },
    },
    content: { 'application/problem+json': problemMediaType(['methodNotAllowed']) },
  };
}

/** Adds HEAD beside every GET, and each path's 405 answer. */
function completePaths(paths: Record<string, PathItemObject>, headPaths: Set<string>) {
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => {
      const get = item.get as OperationObject | undefined;
      const withHead: PathItemObject =
        get && headPaths.has(path)
          ? Object.fromEntries(
              methods.flatMap((method) =>
                method === 'head'
                  ? [['head', headOperation(get)]]
                  : item[method]
                    ? [[method, item[method]]]
                    : [],
              ),
            )
          : item;
      return [path, { ...withHead, 'x-method-not-allowed': methodNotAllowed(withHead) }];
    }),
  );
}

/** The OpenAPI 3.0 document of the API, generated from the contract and nothing else. */
export function generateOpenApiDocument(version: string): OpenAPIObject {
  const document = generateOpenApi(
    { items: itemsContract, docs: docsContract },
    {
      info: {
        title: 'Items API',
        version,
        description,
        contact: {
          name: 'Items API maintainers',
          url: 'https://github.com/items-api/items-api-kit',
        },
        license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
      },
      servers: [
        {
          url: '/',
          description: 'The origin serving this document (local server or stage)',
          'x-internal': false,
        },
        {
          url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
          description: 'A deployed stage',
          'x-internal': false,
          variables: {
            apiId: { default: 'abc123defg', description: 'HTTP API id (stack output)' },
            region: { default: 'eu-west-1' },
          },
        },
      ],
      tags: [
        { name: 'items', description: 'Your items' },
        { name: 'docs', description: 'This documentation' },
      ],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description:
              'An access token from the Cognito user pool (locally: `npm run token`) carrying the scopes each operation lists, checked by API Gateway’s JWT authorizer along the lines of RFC8725 (JWT best current practices): the signature must verify with a key from the issuer’s JWKS (never `alg: none`), and `iss`, `aud` or `client_id`, `exp` and `nbf` are checked.',
          },
        },
      },
    },
    { setOperationId: true, operationMapper: completeOperation },
  );
  // Every GET, the docs routes' too: the stack routes their HEAD to the docs function.
  const getPaths = new Set(
    [...Object.values(itemsContract), ...Object.values(docsContract)]
      .filter((route) => route.method === 'GET')
      .map((route) => route.path.replace(/:(\w+)/g, '{$1}')),
  );
  document.paths = tidySchema(completePaths(document.paths, getPaths), 'output');
  document.components = { ...document.components, schemas: componentSchemas() };
  return document;
}

export const serializeOpenApi = (document: OpenAPIObject) =>
  `${JSON.stringify(document, null, 2)}\n`;
