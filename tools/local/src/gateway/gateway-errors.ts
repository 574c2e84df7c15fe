/** Bodies API Gateway itself answers with, before or instead of the function. */
export const GatewayMessages = {
  notFound: { status: 404, message: 'Not Found' },
  unauthorized: { status: 401, message: 'Unauthorized' },
  forbidden: { status: 403, message: 'Forbidden' },
  tooManyRequests: { status: 429, message: 'Too Many Requests' },
  tooLarge: { status: 413, message: 'Request Entity Too Large' },
  internal: { status: 500, message: 'Internal Server Error' },
  unavailable: { status: 503, message: 'Service Unavailable' },
} as const;

export type GatewayMessage = (typeof GatewayMessages)[keyof typeof GatewayMessages];

/** API Gateway HTTP API limits that are not in the template. */
export const GatewayLimits = {
  maxRequestBytes: 10 * 1024 * 1024,
  /** HTTP API's maximum (and default) integration timeout. */
  maxIntegrationTimeoutMs: 30_000,
} as const;
