import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ApiError } from '../errors';

type MaybeJwtEvent = Partial<Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>>;

/** The caller's id: the `sub` claim the gateway's JWT authorizer verified. */
export function ownerOf(event: unknown): string {
  const sub = (event as MaybeJwtEvent).requestContext?.authorizer?.jwt?.claims?.sub;
  if (typeof sub !== 'string' || sub.length === 0) {
    // Only reachable if a route is deployed without the authorizer: refuse rather than guess.
    throw new ApiError('unauthorized', 'The request carries no verified subject');
  }
  return sub;
}
