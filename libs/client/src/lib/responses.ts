import { GatewayErrorSchema, Headers as HeaderNames, ProblemSchema } from '@items-api/contract';
import { isZodType, type ApiFetcherArgs } from '@ts-rest/core';
import { ClientErrorTypes, ItemsApiError } from './items-api-error';
import { parseRetryAfter } from './retry-policy';

/** A response as ts-rest's fetcher contract wants it: the body already decoded. */
export type RawResponse = { status: number; body: unknown; headers: Headers };

/**
 * Decodes a body by its content type. Any `…json` type counts (our errors are
 * `application/problem+json`); a JSON body that does not parse stays text, so an error
 * response still becomes an error rather than a SyntaxError.
 */
export async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 304) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  const contentType = response.headers.get(HeaderNames.contentType) ?? '';
  if (!/\bjson\b/i.test(contentType)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Turns a non-2xx response (problem+json, gateway JSON or anything else) into the typed error. */
export function errorFromResponse(response: RawResponse, now = Date.now()): ItemsApiError {
  const { status, body, headers } = response;
  const retryAfterMs = parseRetryAfter(headers.get(HeaderNames.retryAfter), now);
  const problem = ProblemSchema.safeParse(body);
  if (problem.success) {
    return new ItemsApiError({ kind: 'problem', ...problem.data, status, retryAfterMs });
  }
  const gateway = GatewayErrorSchema.safeParse(body);
  if (gateway.success) {
    const title = gateway.data.message;
    return new ItemsApiError({
      kind: 'gateway',
      status,
      type: ClientErrorTypes.blank,
      title,
      retryAfterMs,
    });
  }
  return new ItemsApiError({
    kind: 'http',
    status,
    type: ClientErrorTypes.blank,
    title: `HTTP ${status}`,
    detail: typeof body === 'string' && body.length <= 500 ? body : undefined,
    retryAfterMs,
  });
}

/**
 * With `validateResponses` on, parses a 2xx body with the contract's schema for its status
 * (its output, so defaults apply); error bodies are left to {@link errorFromResponse}, which
 * reads both shapes the contract declares for them (problem+json and the gateway's).
 */
export function validateSuccess(
  args: Pick<ApiFetcherArgs, 'route' | 'validateResponse'>,
  response: RawResponse,
): RawResponse {
  const schema: unknown = args.route.responses[response.status];
  if (!args.validateResponse || response.status >= 300 || !isZodType(schema)) return response;
  const parsed = schema.safeParse(response.body);
  if (parsed.success) return { ...response, body: parsed.data };
  throw new ItemsApiError({
    kind: 'invalid-response',
    status: response.status,
    type: ClientErrorTypes.invalidResponse,
    title: 'Response does not match the contract',
    detail: `${args.route.method} ${args.route.path} answered ${response.status} with an unexpected body`,
    errors: parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    })),
  });
}
