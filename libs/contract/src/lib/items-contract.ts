import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { IfMatchSchema, IfNoneMatchSchema } from './conditional-headers';
import { Headers } from './headers';
import { ItemIdSchema, ItemInputSchema, ItemSchema } from './item-schemas';
import { text } from './json-schema-rules';
import { formatHours, IdempotencyLimits } from './limits';
import { ItemPageSchema, ListItemsQuerySchema } from './pagination';
import type { ProblemTypeName } from './problem';
import { routeAnswers } from './route-answers';
import { jwtRoute, Scopes } from './route-metadata';

const c = initContract();

const IdParams = z.object({ id: ItemIdSchema });

const IdempotencyKeySchema = text({
  minLength: 1,
  maxLength: 255,
  pattern: '^[\\x21-\\x7E]+$',
  patternMessage: 'must be 1–255 visible ASCII characters',
  description: `Same key + same body within ${formatHours(IdempotencyLimits.replaySeconds)} replays the first response`,
});

/** What a route with a JSON body can answer before its body is validated. */
const bodyProblems = [
  'payloadTooLarge',
  'unsupportedMediaType',
  'malformedJson',
  'validation',
] as const satisfies readonly ProblemTypeName[];

/** `a`, `b` and `c`: names as a sentence lists them. */
const listed = (names: readonly string[]) =>
  names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');

/** The list query's parameters, as its schema declares them. */
const listQueryNames = Object.keys(ListItemsQuerySchema.shape).map((name) => `\`${name}\``);

/**
 * The /items API. Route names become OpenAPI operationIds and client method names. Each route's
 * error statuses come from its problem types and API Gateway's own answers (`routeAnswers`):
 * problem+json from the function, `{"message"}` from the gateway.
 */
export const itemsContract = c.router(
  {
    listItems: {
      method: 'GET',
      path: '/items',
      summary: 'List your items, newest first',
      description: `Pages through your items, newest first; with \`tag\`, only the items carrying that tag. Query parameters other than ${listed(listQueryNames)} are ignored. A body on this request is ignored.`,
      query: ListItemsQuerySchema,
      ...routeAnswers(
        { 200: ItemPageSchema },
        { ...jwtRoute(Scopes.read), problems: ['validation', 'invalidCursor'] },
      ),
    },
    createItem: {
      method: 'POST',
      path: '/items',
      summary: 'Create an item',
      description:
        'Creates an item from `name`, optional `description` and optional `tags`, stored exactly as sent. Send an `Idempotency-Key` to make retries safe.',
      headers: z.object({ [Headers.idempotencyKey]: IdempotencyKeySchema.optional() }),
      body: ItemInputSchema,
      ...routeAnswers(
        { 201: ItemSchema },
        {
          ...jwtRoute(Scopes.write, [Headers.location, Headers.etag]),
          problems: [...bodyProblems, 'idempotencyInFlight', 'idempotencyKeyReused'],
        },
      ),
    },
    getItem: {
      method: 'GET',
      path: '/items/:id',
      summary: 'Get one of your items',
      description:
        'Reads one of your items and its `ETag`. With `If-None-Match` naming the current version the answer is 304 without a body. Another owner’s item is 404. A body on this request is ignored.',
      pathParams: IdParams,
      headers: z.object({ [Headers.ifNoneMatch]: IfNoneMatchSchema.optional() }),
      ...routeAnswers(
        { 200: ItemSchema, 304: c.noBody() },
        { ...jwtRoute(Scopes.read, [Headers.etag]), problems: ['validation', 'notFound'] },
      ),
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
      ...routeAnswers(
        { 200: ItemSchema },
        {
          ...jwtRoute(Scopes.write, [Headers.etag]),
          problems: [...bodyProblems, 'notFound', 'preconditionFailed', 'preconditionRequired'],
        },
      ),
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
      ...routeAnswers(
        { 204: c.noBody() },
        { ...jwtRoute(Scopes.write), problems: ['validation', 'notFound', 'preconditionFailed'] },
      ),
    },
  },
  { strictStatusCodes: true },
);

export type ItemsContract = typeof itemsContract;
