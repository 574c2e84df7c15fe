import { isZodType, type AppRoute } from '@ts-rest/core';
import type {
  OperationObject,
  ParameterObject,
  ResponseObject,
  ResponsesObject,
  SchemaObject,
} from 'openapi3-ts';
import { problemsOnEveryRoute } from '../lib/items-contract';
import { ContentTypes, Headers } from '../lib/headers';
import { ProblemTypes, type ProblemTypeName } from '../lib/problem';
import type { RouteMetadata } from '../lib/route-metadata';
import { itemExample, itemInputExample, itemPageExample } from './examples';
import { schemaFor } from './named-schemas';
import { errorResponse, gatewayAnswersFor, headersOf } from './responses';

const successExamples: Record<string, unknown> = {
  Item: itemExample,
  ItemPage: itemPageExample,
};

const isOtherResponse = (body: unknown): body is { contentType: string } =>
  typeof body === 'object' && body !== null && 'contentType' in body;

/** Lambda's response payload limit (6 MB) bounds any body the docs function sends. */
const maxResponseBytes = 6 * 1024 * 1024;

const metadataOf = (route: AppRoute): RouteMetadata =>
  (route.metadata as RouteMetadata | undefined) ?? { auth: 'jwt' };

/** The function's problem types for a route: its own, plus those every items route can answer. */
export function problemsOf(route: AppRoute): ProblemTypeName[] {
  const metadata = metadataOf(route);
  const own = metadata.problems ?? [];
  return metadata.auth === 'jwt' ? [...new Set([...own, ...problemsOnEveryRoute])] : [...own];
}

function successResponse(status: number, body: unknown, metadata: RouteMetadata): ResponseObject {
  const names = metadata.successHeaders ?? [];
  const headers = headersOf(status === 304 ? [Headers.etag] : names);
  const description =
    status === 304
      ? 'Not modified: `If-None-Match` names the current version. No body; the `ETag` is sent'
      : status === 204
        ? 'Done; no body'
        : 'Success';
  const response: ResponseObject = { description, ...(headers ? { headers } : {}) };
  if (isOtherResponse(body)) {
    const schema: SchemaObject =
      body.contentType === ContentTypes.json
        ? { type: 'object', description: 'An OpenAPI 3.0 document' }
        : { type: 'string', format: 'binary', maxLength: maxResponseBytes };
    response.content = { [body.contentType]: { schema } };
  } else if (isZodType(body)) {
    const schema = schemaFor(body, 'output');
    const name = '$ref' in schema ? schema.$ref.split('/').pop() : undefined;
    const example = name ? successExamples[name] : undefined;
    response.content = { [ContentTypes.json]: { schema, ...(example ? { example } : {}) } };
  }
  return response;
}

/**
 * Every status a route can answer with, by whom: the contract's own statuses, plus what API
 * Gateway answers on any route. Throws when the route declares a status nobody produces or
 * lists a problem whose status it does not declare.
 */
function routeResponses(route: AppRoute): ResponsesObject {
  const metadata = metadataOf(route);
  const problems = problemsOf(route);
  const gateway = gatewayAnswersFor(metadata);
  const declared = Object.keys(route.responses).map(Number);
  const statuses = [...new Set([...declared, ...gateway.map((answer) => answer.status)])].sort(
    (a, b) => a - b,
  );
  for (const name of problems) {
    if (!statuses.includes(ProblemTypes[name].status)) {
      throw new Error(`${route.path}: problem ${name} has no declared status`);
    }
  }
  return Object.fromEntries(
    statuses.map((status) => {
      if (status < 400) {
        return [String(status), successResponse(status, route.responses[status], metadata)];
      }
      const own = problems.filter((name) => ProblemTypes[name].status === status);
      const byGateway = gateway.filter((answer) => answer.status === status);
      if (own.length === 0 && byGateway.length === 0) {
        throw new Error(`${route.method} ${route.path}: nothing answers ${status}`);
      }
      return [String(status), errorResponse(status, own, byGateway)];
    }),
  );
}

/** ts-rest puts a header's description inside its schema; OpenAPI wants it on the parameter. */
function tidyParameter(parameter: ParameterObject, statuses: number[]): ParameterObject {
  const { description, ...schema } = (parameter.schema ?? {}) as SchemaObject;
  const required =
    parameter.required ||
    (parameter.in === 'header' && parameter.name === Headers.ifMatch && statuses.includes(428));
  return {
    ...parameter,
    ...(description && !parameter.description ? { description } : {}),
    ...(required ? { required: true } : {}),
    schema,
  };
}

/** Completes what ts-rest generated for one route: responses, security, examples, parameters. */
export function completeOperation(operation: OperationObject, route: AppRoute): OperationObject {
  const metadata = metadataOf(route);
  const scopes = [...(metadata.scopes ?? [])];
  const responses = routeResponses(route);
  const statuses = Object.keys(responses).map(Number);
  // A route that answers 428 cannot be called without If-Match: document it as required.
  const parameters = (operation.parameters as ParameterObject[] | undefined)?.map((parameter) =>
    tidyParameter(parameter, statuses),
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
    description: describeOperation(route.description ?? route.summary ?? '', scopes),
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses,
    // OpenAPI 3.0 (§4.8.30) lets only oauth2/openIdConnect schemes name scopes in a security
    // requirement, and the issuer is per stage; the bearer requirement stays empty and the scopes
    // the access token must carry (API Gateway's AuthorizationScopes, from the same metadata)
    // are in `x-required-scopes` and the description.
    security: metadata.auth === 'jwt' ? [{ bearerAuth: [] }] : [],
    ...(metadata.auth === 'jwt' ? { 'x-required-scopes': scopes } : {}),
  };
}

function describeOperation(text: string, scopes: readonly string[]): string {
  if (!scopes.length) return text;
  const named = scopes.map((scope) => `\`${scope}\``).join(' or ');
  return `${text}\n\nThe access token must carry the scope ${named} (else 403 from API Gateway).`;
}

/** RFC 9110 §9.3.2: HEAD is GET without the body — same status codes and headers. */
export function headOperation(get: OperationObject): OperationObject {
  const responses = Object.fromEntries(
    Object.entries(get.responses as Record<string, ResponseObject>).map(([status, response]) => {
      const { content: _content, ...rest } = response;
      return [status, rest];
    }),
  );
  return {
    ...get,
    operationId: `${get.operationId}Head`,
    summary: `${get.summary} (headers only)`,
    description: `\`${get.operationId}\` without the body: the same status codes and headers (RFC 9110 §9.3.2).`,
    responses,
  };
}
