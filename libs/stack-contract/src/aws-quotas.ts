import { GatewayQuotas } from '@items-api/contract';

/**
 * AWS limits that the stack must respect and the local gateway reproduces; they are not in the
 * template, so both read them from here.
 */
export const AwsQuotas = {
  /** HTTP API quotas: request size, request line and headers, integration timeout. */
  ...GatewayQuotas,
  /**
   * Lambda quotas: "Invocation payload (request and response) 6 MB each for synchronous" — the
   * event (JSON, body base64 when binary) and the function's result are both held to it.
   */
  maxInvocationPayloadBytes: 6 * 1024 * 1024,
} as const;
