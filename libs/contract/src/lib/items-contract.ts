import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { Headers } from './headers';
import { ItemIdSchema, ItemInputSchema, ItemSchema } from './item-schemas';
import { ItemPageSchema, ListItemsQuerySchema } from './pagination';
import { GatewayErrorSchema, ProblemSchema } from './problem';
import { jwtRoute, Scopes } from './route-metadata';

const c = initContract();

const IdParams = z.object({ id: ItemIdSchema });

const IdempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7E]{1,255}$/, 'must be 1–255 visible ASCII characters')
  .describe('Same key + same body within 24 h replays the first response');

const ConditionalHeader = z.string().max(1024);

/**
 * The /items API. Route names become OpenAPI operationIds and client method names.
 * Error bodies are problem+json, except 401/403/429 which API Gateway itself answers.
 */
export const itemsContract = c.router(
  {
    listItems: {
      method: 'GET',
      path: '/items',
      summary: 'List your items, newest first',
      query: ListItemsQuerySchema,
      responses: { 200: ItemPageSchema, 400: ProblemSchema },
      metadata: jwtRoute(Scopes.read),
    },
    createItem: {
      method: 'POST',
      path: '/items',
      summary: 'Create an item',
      headers: z.object({ [Headers.idempotencyKey]: IdempotencyKeySchema.optional() }),
      body: ItemInputSchema,
      responses: {
        201: ItemSchema,
        400: ProblemSchema,
        409: ProblemSchema,
        413: ProblemSchema,
        415: ProblemSchema,
        422: ProblemSchema,
      },
      metadata: jwtRoute(Scopes.write, [Headers.location, Headers.etag]),
    },
    getItem: {
      method: 'GET',
      path: '/items/:id',
      summary: 'Get one of your items',
      pathParams: IdParams,
      headers: z.object({ [Headers.ifNoneMatch]: ConditionalHeader.optional() }),
      responses: { 200: ItemSchema, 304: c.noBody(), 400: ProblemSchema, 404: ProblemSchema },
      metadata: jwtRoute(Scopes.read, [Headers.etag]),
    },
    replaceItem: {
      method: 'PUT',
      path: '/items/:id',
      summary: 'Replace an item (If-Match required)',
      pathParams: IdParams,
      headers: z.object({ [Headers.ifMatch]: ConditionalHeader.optional() }),
      body: ItemInputSchema,
      responses: {
        200: ItemSchema,
        400: ProblemSchema,
        404: ProblemSchema,
        412: ProblemSchema,
        413: ProblemSchema,
        415: ProblemSchema,
        428: ProblemSchema,
      },
      metadata: jwtRoute(Scopes.write, [Headers.etag]),
    },
    deleteItem: {
      method: 'DELETE',
      path: '/items/:id',
      summary: 'Delete an item',
      pathParams: IdParams,
      headers: z.object({ [Headers.ifMatch]: ConditionalHeader.optional() }),
      body: c.noBody(),
      responses: { 204: c.noBody(), 400: ProblemSchema, 404: ProblemSchema, 412: ProblemSchema },
      metadata: jwtRoute(Scopes.write),
    },
  },
  {
    strictStatusCodes: true,
    commonResponses: {
      401: GatewayErrorSchema,
      // The token lacks the route's scope (`metadata.scopes`): API Gateway answers itself.
      403: GatewayErrorSchema,
      429: GatewayErrorSchema,
      500: ProblemSchema,
      503: ProblemSchema,
    },
  },
);

export type ItemsContract = typeof itemsContract;
