import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { UnauthorizedError } from '../errors';

type MaybeJwtEvent = Partial<Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>>;

/**
 * A usable `sub`: a string of 1–255 visible ASCII characters. OpenID Connect Core 1.0 §2 caps
 * `sub` at 255 ASCII characters; visible-only is stricter than it, chosen because the owner goes
 * into DynamoDB keys, cursors and logs. A non-string claim (`123`) is refused rather than
 * stringified, so `123` and `"123"` can never be one owner.
 */
const usableSub = /^[\x21-\x7E]{1,255}$/;

/** RFC 6750 §3.1: a token the server cannot use is `invalid_token`, answered 401. */
const challenge = (description: string) =>
  `Bearer error="invalid_token", error_description="${description}"`;

/** The caller's id: the `sub` claim the gateway's JWT authorizer verified, or a 401. */
export function ownerOf(event: unknown): string {
  const claims = (event as MaybeJwtEvent).requestContext?.authorizer?.jwt?.claims;
  const sub: unknown = claims?.['sub'];
  if (typeof sub === 'string' && usableSub.test(sub)) return sub;
  const detail =
    sub === undefined
      ? 'The request carries no verified subject'
      : 'The token’s sub claim must be a string of 1–255 visible ASCII characters';
  throw new UnauthorizedError(detail, challenge(detail.replace(/[^\x20-\x7E]|"/g, '')));
}
