import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { IfMatchSchema, IfNoneMatchSchema } from './conditional-headers';
import { Headers } from './headers';
import { ItemIdSchema, ItemInputSchema, ItemSchema } from './item-schemas';
import { text } from './json-schema-rules';
import { formatHours, IdempotencyLimits } from './limits';
import { ItemPageSchema, ListItemsQuerySchema } from './pagination';
import { GatewayErrorSchema, ProblemSchema, type ProblemTypeName } from './problem';
import { jwtRoute, Scopes, type RouteMetadata } from './route-metadata';

const c = initContract();

const IdParams = z.object({ id: ItemIdSchema });

const IdempotencyKeySchema = text({
  minLength: 1,
  maxLength: 255,
  pattern: '^[\\x21-\\x7E]+$',
  patternMessage: 'must be 1–255 visible ASCII characters',
  description: `Same key + same body within ${formatHours(IdempotencyLimits.replaySeconds)} replays the first response`,
});

/** A status the function or API Gateway may answer with: either body shape. */
const FunctionOrGateway = z.union([ProblemSchema, GatewayErrorSchema]);

/**
 * Problems the function can answer on every items route: a token without a usable `sub` (401),
 * a failure of its own (500) and DynamoDB busy or down (503).
 */
export const problemsOnEveryRoute = [
  'unauthorized',
  'internal',
  'unavailable',
] as const satisfies readonly ProblemTypeName[];

/** What a route with a JSON body can answer before its body is validated. */
const bodyProblems = [
  'payloadTooLarge',
  'unsupportedMediaType',
  'malformedJson',
  'validation',
] as const satisfies readonly ProblemTypeName[];

/**
 * The /items API. Route names become OpenAPI operationIds and client method names.
 * Error bodies are problem+json from the function, or API Gateway's own `{"message"}` (401, 403
 * when the token lacks the route's scope, 413, 429, 500, 503).
 */
export const itemsContract = c.router(
  {
    listItems: {
      method: 'GET',
      path: '/items',
      summary: 'List your items, newest first',
      description:
        'Pages through your items, newest first. Query parameters other than `limit` and `cursor` are ignored. A body on this request is ignored.',
      query: ListItemsQuerySchema,
      responses: { 200: ItemPageSchema, 400: ProblemSchema },
      metadata: {
        ...jwtRoute(Scopes.read),
        problems: ['validation', 'invalidCursor'],
      } satisfies RouteMetadata,
    },
    createItem: {
      method: 'POST',
      path: '/items',
      summary: 'Create an item',
      description:
        'Creates an item from `name`, optional `description` and optional `tags`, stored exactly as sent. Send an `Idempotency-Key` to make retries safe.',
      headers: z.object({ [Headers.idempotencyKey]: IdempotencyKeySchema.optional() }),
      body: ItemInputSchema,
      responses: {
        201: ItemSchema,
        400: ProblemSchema,
        409: ProblemSchema,
        413: FunctionOrGateway,
        415: ProblemSchema,
        422: ProblemSchema,
      },
      metadata: {
        ...jwtRoute(Scopes.write, [Headers.location, Headers.etag]),
        problems: [...bodyProblems, 'idempotencyInFlight', 'idempotencyKeyReused'],
      } satisfies RouteMetadata,
    },
    getItem: {
      method: 'GET',
      path: '/items/:id',
      summary: 'Get one of your items',
      description:
        'Reads one of your items and its `ETag`. With `If-None-Match` naming the current version the answer is 304 without a body. Another owner’s item is 404. A body on this request is ignored.',
      pathParams: IdParams,
      headers: z.object({ [Headers.ifNoneMatch]: IfNoneMatchSchema.optional() }),
      responses: { 200: ItemSchema, 304: c.noBody(), 400: ProblemSchema, 404: ProblemSchema },
      metadata: {
        ...jwtRoute(Scopes.read, [Headers.etag]),
        problems: ['validation', 'notFound'],
      } satisfies RouteMetadata,
    },
    replaceItem: {
      method: 'PUT',
      path: '/items/:id',
      summary: 'Replace an item (If-Match required)',
      description:
        'Replaces the item’s `name`, `description` and `tags` with what you send. `If-Match` must name the current version (strong comparison) or be `*`; otherwise 412 and nothing is written.',
      pathParams: IdParams,
      headers: z.object({ [Headers.ifMatch]: IfMatchSchema.optional() }),
      body: ItemInputSchema,
      responses: {
        200: ItemSchema,
        400: ProblemSchema,
        404: ProblemSchema,
        412: ProblemSchema,
        413: FunctionOrGateway,
        415: ProblemSchema,
        428: ProblemSchema,
      },
      metadata: {
        ...jwtRoute(Scopes.write, [Headers.etag]),
        problems: [...bodyProblems, 'notFound', 'preconditionFailed', 'preconditionRequired'],
      } satisfies RouteMetadata,
    },
    deleteItem: {
      method: 'DELETE',
      path: '/items/:id',
      summary: 'Delete an item',
      description:
        'Deletes the item. With `If-Match` (strong comparison, or `*`) it is deleted only if the tag names the current version; otherwise 412 and nothing is deleted. A body on this request is ignored.',
      pathParams: IdParams,
      headers: z.object({ [Headers.ifMatch]: IfMatchSchema.optional() }),
      body: c.noBody(),
      responses: { 204: c.noBody(), 400: ProblemSchema, 404: ProblemSchema, 412: ProblemSchema },
      metadata: {
        ...jwtRoute(Scopes.write),
        problems: ['validation', 'notFound', 'preconditionFailed'],
      } satisfies RouteMetadata,
    },
  },
  {
    strictStatusCodes: true,
    commonResponses: {
      401: FunctionOrGateway,
      // The token lacks the route's scope (`metadata.scopes`): API Gateway answers itself.
      403: GatewayErrorSchema,
      413: GatewayErrorSchema,
      429: GatewayErrorSchema,
      500: FunctionOrGateway,
      503: FunctionOrGateway,
    },
  },
);

export type ItemsContract = typeof itemsContract;
