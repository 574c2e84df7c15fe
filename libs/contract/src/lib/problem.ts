import { z } from 'zod';

/** One field-level complaint inside a validation problem. `path` is dotted: `tags.3`. */
export const FieldErrorSchema = z
  .object({
    path: z.string().describe('Where the problem is, dotted (`tags.3`); empty for the whole body'),
    message: z.string(),
  })
  .strict();

/** RFC 9457 problem details: every error the API's function returns has this shape. */
export const ProblemSchema = z
  .object({
    type: z.string().describe('URI identifying the kind of problem'),
    title: z.string().describe('Short summary of the kind of problem'),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional().describe('What went wrong with this request'),
    instance: z.string().optional().describe('The request path the problem occurred on'),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .describe('Problem details (RFC 9457), served as application/problem+json');

/** API Gateway's own error body (401 from the JWT authorizer, 429 throttled, 404 no route). */
export const GatewayErrorSchema = z
  .object({ message: z.string() })
  .describe("API Gateway's own error shape, returned before the function runs");

export type FieldError = z.infer<typeof FieldErrorSchema>;
export type Problem = z.infer<typeof ProblemSchema>;
export type GatewayError = z.infer<typeof GatewayErrorSchema>;

type ProblemKind = { readonly type: string; readonly title: string; readonly status: number };

const kind = <S extends number>(slug: string, status: S, title: string) =>
  ({ type: `urn:items-api:problem:${slug}`, status, title }) as const satisfies ProblemKind;

/**
 * Every kind of problem the function can return. The handler builds problems from these,
 * the OpenAPI document lists them and the client exports them for `error.type` checks.
 */
export const ProblemTypes = {
  malformedJson: kind('malformed-json', 400, 'Request body is not valid JSON'),
  validation: kind('validation', 400, 'Request is not valid'),
  invalidCursor: kind('invalid-cursor', 400, 'Cursor is not valid'),
  unauthorized: kind('unauthorized', 401, 'Authentication required'),
  notFound: kind('not-found', 404, 'Not found'),
  methodNotAllowed: kind('method-not-allowed', 405, 'Method not allowed'),
  idempotencyInFlight: kind(
    'idempotency-in-flight',
    409,
    'A request with this Idempotency-Key is still in progress',
  ),
  preconditionFailed: kind('precondition-failed', 412, 'The item has changed since you read it'),
  payloadTooLarge: kind('payload-too-large', 413, 'Request body is too large'),
  unsupportedMediaType: kind('unsupported-media-type', 415, 'Unsupported content type'),
  idempotencyKeyReused: kind(
    'idempotency-key-reused',
    422,
    'Idempotency-Key was used with a different request',
  ),
  preconditionRequired: kind('precondition-required', 428, 'If-Match is required'),
  internal: kind('internal', 500, 'Internal server error'),
  unavailable: kind('unavailable', 503, 'Service temporarily unavailable'),
} as const;

export type ProblemTypeName = keyof typeof ProblemTypes;
