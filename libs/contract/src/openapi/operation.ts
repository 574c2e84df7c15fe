import { isZodType, type AppRoute } from '@ts-rest/core';
import type {
  OperationObject,
  ParameterObject,
  ResponseObject,
  ResponsesObject,
  SchemaObject,
} from 'openapi3-ts';
import { ContentTypes, Headers } from '../lib/headers';
import { LambdaQuotas } from '../lib/limits';
import { ProblemTypes, type ProblemTypeName } from '../lib/problem';
import { gatewayAnswersOn, problemsOf as problemsOfRoute } from '../lib/route-answers';
import type { RouteMetadata } from '../lib/route-metadata';
import { itemExample, itemInputExample, itemPageExample } from './examples';
import { schemaFor } from './named-schemas';
import { errorResponse, headersOf } from './responses';

const successExamples: Record<string, unknown> = {
  Item: itemExample,
  ItemPage: itemPageExample,
};

const isOtherResponse = (body: unknown): body is { contentType: string } =>
  typeof body === 'object' && body !== null && 'contentType' in body;

const metadataOf = (route: AppRoute): RouteMetadata =>
  (route.metadata as RouteMetadata | undefined) ?? { auth: 'jwt' };

/** The function's problem types for a route: its own, plus those every JWT route can answer. */
export const problemsOf = (route: AppRoute): ProblemTypeName[] =>
  problemsOfRoute(metadataOf(route));

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
        : // Lambda's result payload limit bounds any body the docs function sends.
          { type: 'string', format: 'binary', maxLength: LambdaQuotas.maxInvocationPayloadBytes };
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
 * Every status the route declares, each described by whoever answers it: the function's problems
 * and API Gateway's own answers. Throws when a declared status has nobody answering it, or when a
 * problem or a gateway answer of the route has a status the route does not declare.
 */
function routeResponses(route: AppRoute): ResponsesObject {
  const metadata = metadataOf(route);
  const problems = problemsOf(route);
  const gateway = gatewayAnswersOn(metadata.auth);
  const statuses = Object.keys(route.responses)
    .map(Number)
    .sort((a, b) => a - b);
  const undeclared = [
    ...problems.map((name) => ProblemTypes[name].status),
    ...gateway.map((answer) => answer.status),
  ].filter((status) => !statuses.includes(status));
  if (undeclared.length > 0) {
    throw new Error(`${route.method} ${route.path}: ${undeclared.join(', ')} not declared`);
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
