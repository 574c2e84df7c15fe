import {
  ContentTypes,
  formatETag,
  GatewayErrorSchema,
  Headers,
  ProblemSchema,
  type ContractRoute,
  type RouteMetadata,
} from '@items-api/contract';
import { ContractNoBody, isZodType } from '@ts-rest/core';
import type { ZodTypeAny } from 'zod';
import type { ApiResponse } from '../harness/robust-api';

/**
 * Statuses API Gateway itself may answer on any route: a path it cannot decode (400), the
 * authorizer (401), no route (404), size (413), throttle (429), a head over its quota (431).
 */
export const GatewayStatuses = [400, 401, 404, 413, 429, 431] as const;

const mediaType = (response: ApiResponse) =>
  response.headers.get(Headers.contentType)?.split(';')[0]?.trim();

/** The gateway's own `{"message": …}` answer, which the function never gives. */
export const isGatewayAnswer = (response: ApiResponse) =>
  (GatewayStatuses as readonly number[]).includes(response.status) &&
  mediaType(response) === ContentTypes.json &&
  GatewayErrorSchema.safeParse(response.json).success;

function schemaFor(route: ContractRoute, response: ApiResponse): ZodTypeAny | symbol | undefined {
  const { status } = response;
  if (isGatewayAnswer(response)) return GatewayErrorSchema;
  const declared = (route.route.responses as Record<number, unknown>)[status];
  if (declared === ContractNoBody) return ContractNoBody;
  if (isZodType(declared)) return declared as ZodTypeAny;
  return (GatewayStatuses as readonly number[]).includes(status) ? GatewayErrorSchema : undefined;
}

function successHeaderViolations(route: ContractRoute, response: ApiResponse): string[] {
  const names = (route.route.metadata as RouteMetadata | undefined)?.successHeaders ?? [];
  const problems = names
    .filter((name) => !response.headers.get(name))
    .map((name) => `missing ${name} header`);
  const body = response.json as { id?: string; version?: number } | undefined;
  const etag = response.headers.get(Headers.etag);
  if (etag && body?.version !== undefined && etag !== formatETag(body.version)) {
    problems.push(`etag ${etag} does not name version ${body.version}`);
  }
  const location = response.headers.get(Headers.location);
  if (location && body?.id && !location.endsWith(`/${body.id}`)) {
    problems.push(`location ${location} does not name ${body.id}`);
  }
  return problems;
}

/**
 * How a response breaks the contract for its route, as readable lines (empty when it keeps it):
 * no 5xx, a declared (or gateway) status, a body its schema parses with the right content type,
 * a problem's `status` equal to the HTTP status, and the route's success headers.
 */
export function contractViolations(route: ContractRoute, response: ApiResponse): string[] {
  const { status } = response;
  if (status >= 500) return [`answered ${status}: ${response.text.slice(0, 200)}`];
  const schema = schemaFor(route, response);
  if (schema === undefined) return [`status ${status} is not declared for ${route.operationId}`];
  const success = status < 300 || status === 304;
  const headerProblems = success ? successHeaderViolations(route, response) : [];
  if (schema === ContractNoBody) {
    return response.text === '' ? headerProblems : [`status ${status} must have no body`];
  }
  const zod = schema as ZodTypeAny;
  const problems: string[] = [];
  const parsed = zod.safeParse(response.json);
  if (!parsed.success) problems.push(`body does not match the ${status} schema: ${response.text}`);
  const expectedType = zod === ProblemSchema ? ContentTypes.problem : ContentTypes.json;
  if (mediaType(response) !== expectedType) {
    problems.push(`content-type ${mediaType(response)} for ${status}, expected ${expectedType}`);
  }
  if (zod === ProblemSchema && response.json?.status !== status) {
    problems.push(`problem status ${response.json?.status} differs from HTTP ${status}`);
  }
  if (status === 401 && !response.headers.get('www-authenticate')) {
    problems.push('401 without www-authenticate');
  }
  return [...problems, ...headerProblems];
}
