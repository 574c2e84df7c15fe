import { generateOpenApi } from '@ts-rest/open-api';
import type { OpenAPIObject } from 'openapi3-ts';
import { docsContract } from '../lib/docs-contract';
import { itemsContract } from '../lib/items-contract';
import { ProblemTypes } from '../lib/problem';
import { componentSchemas } from './named-schemas';
import { completeOperation } from './operation';

const problemTable = Object.values(ProblemTypes)
  .map((kind) => `| ${kind.status} | \`${kind.type}\` | ${kind.title} |`)
  .join('\n');

const description = `CRUD API for your items, behind API Gateway (HTTP API) with a JWT authorizer.

Every items route needs \`Authorization: Bearer <JWT>\`; you only ever see your own items.
Writes use optimistic locking: send the \`ETag\` you read as \`If-Match\`.
\`POST /items\` accepts an \`Idempotency-Key\` so retries never create duplicates.

Errors from the function are \`application/problem+json\` (RFC 9457):

| status | type | title |
|---|---|---|
${problemTable}

API Gateway itself answers 401 (bad token), 429 (throttled) and unknown routes with
\`{"message": "…"}\`.`;

/** The OpenAPI 3.0 document of the API, generated from the contract and nothing else. */
export function generateOpenApiDocument(version: string): OpenAPIObject {
  const document = generateOpenApi(
    { items: itemsContract, docs: docsContract },
    {
      info: { title: 'Items API', version, description },
      servers: [
        { url: '/', description: 'The origin serving this document (local server or stage)' },
        {
          url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
          description: 'A deployed stage',
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
              'An access token from the Cognito user pool carrying the scopes each operation lists (locally: `npm run token`)',
          },
        },
      },
    },
    { setOperationId: true, operationMapper: completeOperation },
  );
  document.components = { ...document.components, schemas: componentSchemas() };
  return document;
}

export const serializeOpenApi = (document: OpenAPIObject) =>
  `${JSON.stringify(document, null, 2)}\n`;
