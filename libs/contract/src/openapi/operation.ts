import { isZodType, type AppRoute } from '@ts-rest/core';
import type {
  HeaderObject,
  OperationObject,
  ParameterObject,
  ResponseObject,
  ResponsesObject,
} from 'openapi3-ts';
import { ContentTypes, Headers } from '../lib/headers';
import { GatewayErrorSchema, ProblemTypes } from '../lib/problem';
import type { RouteMetadata } from '../lib/route-metadata';
import {
  itemExample,
  itemInputExample,
  itemPageExample,
  validationProblemExample,
} from './examples';
import { schemaFor } from './named-schemas';

const headerDocs: Record<string, HeaderObject> = {
  [Headers.etag]: {
    description: 'Entity tag of the item version, e.g. `"3"`',
    schema: { type: 'string' },
  },
  [Headers.location]: { description: 'URL path of the created item', schema: { type: 'string' } },
  [Headers.retryAfter]: {
    description: 'Seconds to wait before retrying',
    schema: { type: 'integer' },
  },
};

const successExamples: Record<string, unknown> = {
  Item: itemExample,
  ItemPage: itemPageExample,
};

function describeStatus(status: number): string {
  const kinds = Object.values(ProblemTypes).filter((kind) => kind.status === status);
  if (status === 401) return 'Missing or invalid token (answered by API Gateway)';
  if (status === 403) return "The token lacks the operation's scope (answered by API Gateway)";
  if (status === 429) return 'Throttled (answered by API Gateway)';
  if (status === 304) return 'Not modified: your If-None-Match names the current version';
  if (status === 204) return 'Deleted';
  if (kinds.length === 0) return status < 300 ? 'Success' : String(status);
  return kinds.map((kind) => `\`${kind.type}\`: ${kind.title}`).join('; ');
}

const isOtherResponse = (body: unknown): body is { contentType: string } =>
  typeof body === 'object' && body !== null && 'contentType' in body;

function responseFor(status: number, body: unknown, metadata: RouteMetadata): ResponseObject {
  const response: ResponseObject = { description: describeStatus(status) };
  const headerNames =
    status < 300 ? (metadata.successHeaders ?? []) : status === 503 ? [Headers.retryAfter] : [];
  if (headerNames.length > 0) {
    response.headers = Object.fromEntries(headerNames.map((name) => [name, headerDocs[name]]));
  }
  if (isOtherResponse(body)) {
    response.content = { [body.contentType]: { schema: { type: 'string' } } };
    return response;
  }
  if (!isZodType(body)) return response; // 204, 304: no body
  const schema = schemaFor(body, 'output');
  const mediaType =
    status >= 400 && body !== GatewayErrorSchema ? ContentTypes.problem : ContentTypes.json;
  const ref = '$ref' in schema ? schema.$ref.split('/').pop() : undefined;
  const example =
    status === 400 ? validationProblemExample : ref ? successExamples[ref] : undefined;
  response.content = { [mediaType]: { schema, ...(example ? { example } : {}) } };
  return response;
}

/** Completes what ts-rest generated for one route: responses, security, examples, required headers. */
export function completeOperation(operation: OperationObject, route: AppRoute): OperationObject {
  const metadata = (route.metadata as RouteMetadata | undefined) ?? { auth: 'jwt' };
  const statuses = Object.keys(route.responses).map(Number);
  const responses: ResponsesObject = Object.fromEntries(
    statuses.map((status) => [
      String(status),
      responseFor(status, route.responses[status], metadata),
    ]),
  );
  // A route that answers 428 cannot be called without If-Match: document it as required.
  const parameters = (operation.parameters as ParameterObject[] | undefined)?.map((parameter) =>
    parameter.in === 'header' && parameter.name === Headers.ifMatch && statuses.includes(428)
      ? { ...parameter, required: true }
      : parameter,
  );
  const requestBody =
    'body' in route && isZodType(route.body)
      ? {
          required: true,
          content: {
            [ContentTypes.json]: {
              schema: schemaFor(route.body, 'input'),
              example: itemInputExample,
            },
          },
        }
      : undefined;
  return {
    ...operation,
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses,
    // The scopes the access token must carry (API Gateway's AuthorizationScopes, from the same metadata).
    security: metadata.auth === 'jwt' ? [{ bearerAuth: [...(metadata.scopes ?? [])] }] : [],
  };
}
