import { subjectIsString, unverifiedPayload } from '@items-api/stack-contract';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { UnauthorizedError } from '../errors';

type MaybeJwtEvent = Partial<
  Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext' | 'headers'>
>;

/**
 * A usable `sub`: a string of 1–255 visible ASCII characters. OpenID Connect Core 1.0 §2 caps
 * `sub` at 255 ASCII characters; visible-only is stricter than it, chosen because the owner goes
 * into DynamoDB keys, cursors and logs.
 */
const usableSub = /^[\x21-\x7E]{1,255}$/;

/** RFC 6750 §3.1: a token the server cannot use is `invalid_token`, answered 401. */
const challenge = (description: string) =>
  `Bearer error="invalid_token", error_description="${description}"`;

const unusable = (detail: string) =>
  new UnauthorizedError(detail, challenge(detail.replace(/[^\x20-\x7E]|"/g, '')));

/**
 * The claims reach the function as strings whatever their type in the token (API Gateway's
 * payload format 2.0), so `123` and `"123"` look alike there. The token itself is in the
 * identity source the authorizer verified (`Authorization`): its `sub` must be a JSON string
 * (RFC 7519 §4.1.2), refused with a 401 as the local authorizer refuses it.
 */
function tokenSubjectIsString(headers: MaybeJwtEvent['headers']): boolean {
  const token = headers?.['authorization']?.replace(/^Bearer\s+/i, '');
  const payload = token ? unverifiedPayload(token) : undefined;
  return payload === undefined || subjectIsString(payload);
}

/**
 * The caller's id: the `sub` claim the gateway's JWT authorizer verified, or a 401. A token
 * whose `sub` is not a string (`123`) is refused rather than stringified, so `123` and `"123"`
 * can never be one owner.
 */
export function ownerOf(event: unknown): string {
  const { requestContext, headers } = event as MaybeJwtEvent;
  const sub: unknown = requestContext?.authorizer?.jwt?.claims?.['sub'];
  if (sub === undefined) throw unusable('The request carries no verified subject');
  if (typeof sub === 'string' && usableSub.test(sub) && tokenSubjectIsString(headers)) return sub;
  throw unusable('The token’s sub claim must be a string of 1–255 visible ASCII characters');
}
