/**
 * Bodies API Gateway (HTTP API) answers with itself, before or instead of the function, as
 * `application/json` `{"message": …}`. 401/403 follow the JWT authorizer guide ("Controlling
 * access to HTTP APIs with JWT authorizers"; 403 when the token lacks the route's scopes), 404 a
 * request no route matches, 429 the throttling guide, 500/503 the Lambda integration
 * ("Troubleshooting issues with HTTP API Lambda integrations"). 400, 408 and 431 are not
 * documented for HTTP APIs: their wording follows the status' reason phrase.
 */
export const GatewayMessages = {
  badRequest: { status: 400, message: 'Bad Request' },
  unauthorized: { status: 401, message: 'Unauthorized' },
  forbidden: { status: 403, message: 'Forbidden' },
  notFound: { status: 404, message: 'Not Found' },
  requestTimeout: { status: 408, message: 'Request Timeout' },
  tooLarge: { status: 413, message: 'Request Entity Too Large' },
  tooManyRequests: { status: 429, message: 'Too Many Requests' },
  headersTooLarge: { status: 431, message: 'Request Header Fields Too Large' },
  internal: { status: 500, message: 'Internal Server Error' },
  unavailable: { status: 503, message: 'Service Unavailable' },
} as const;

export type GatewayMessage = (typeof GatewayMessages)[keyof typeof GatewayMessages];

/** The body of a gateway answer. */
export const gatewayBody = ({ message }: GatewayMessage) => JSON.stringify({ message });
