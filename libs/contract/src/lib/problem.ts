import { z } from 'zod';
import { Headers, type HeaderName } from './headers';
import { text, TextPatterns } from './json-schema-rules';

/** Bounds on what an error answer carries, so a bad request cannot make a large response. */
export const ProblemLimits = {
  /** Field errors listed in one answer; `detail` counts the rest. */
  errorsMax: 20,
  detailMax: 1000,
  pathMax: 200,
  messageMax: 300,
  instanceMax: 2048,
} as const;

const boundedText = (maxLength: number, description?: string) =>
  text({
    maxLength,
    pattern: TextPatterns.wellFormed,
    patternMessage: 'must be well-formed Unicode',
    ...(description ? { description } : {}),
  });

/** One field-level complaint inside a validation problem. */
export const FieldErrorSchema = z
  .object({
    path: boundedText(
      ProblemLimits.pathMax,
      'Where the problem is: `body` (the whole body), `body.tags.3`, `body.id` (an unknown field), `query.limit`, `params.id` or `headers.if-match`',
    ),
    message: boundedText(ProblemLimits.messageMax),
  })
  .strict();

type ProblemKind = { readonly type: string; readonly title: string; readonly status: number };

const kind = <const Slug extends string, S extends number>(slug: Slug, status: S, title: string) =>
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

/** Headers an answer of a problem type always carries (values set where the problem is made). */
export const ProblemHeaders: Partial<Record<ProblemTypeName, readonly HeaderName[]>> = {
  unauthorized: [Headers.wwwAuthenticate],
  methodNotAllowed: [Headers.allow],
  idempotencyInFlight: [Headers.retryAfter],
  unavailable: [Headers.retryAfter],
};
export type ProblemTypeUri = (typeof ProblemTypes)[ProblemTypeName]['type'];

const problemTypeUris = Object.values(ProblemTypes).map((k) => k.type) as [
  ProblemTypeUri,
  ...ProblemTypeUri[],
];

/** RFC 9457 problem details: every error the API's function returns has this shape. */
export const ProblemSchema = z
  .object({
    type: z
      .enum(problemTypeUris)
      .describe('URI identifying the kind of problem: one of the catalogue'),
    title: boundedText(100, 'Short summary of the kind of problem'),
    status: z.number().int().min(400).max(599).describe('The HTTP status code'),
    detail: boundedText(ProblemLimits.detailMax, 'What went wrong with this request').optional(),
    instance: boundedText(
      ProblemLimits.instanceMax,
      'The request path the problem occurred on',
    ).optional(),
    errors: z
      .array(FieldErrorSchema)
      .max(ProblemLimits.errorsMax)
      .optional()
      .describe(
        `Each invalid field (validation problems only), at most ${ProblemLimits.errorsMax}; \`detail\` says how many there were`,
      ),
  })
  .describe('Problem details (RFC 9457), served as application/problem+json');

/** API Gateway's own error body: the answers `GatewayAnswers` lists. */
export const GatewayErrorSchema = z
  .object({ message: boundedText(100) })
  .describe("API Gateway's own error shape, returned before (or instead of) the function");

export type FieldError = z.infer<typeof FieldErrorSchema>;
export type Problem = z.infer<typeof ProblemSchema>;
export type GatewayError = z.infer<typeof GatewayErrorSchema>;
