import { GatewayQuotas, LambdaQuotas } from '@items-api/contract';

/**
 * AWS limits that the stack must respect and the local gateway reproduces; they are not in the
 * template, so both read them from here.
 */
export const AwsQuotas = {
  /** HTTP API quotas: request size, request line and headers, integration timeout. */
  ...GatewayQuotas,
  /** Lambda quotas: the invocation payload, request and response. */
  ...LambdaQuotas,
} as const;
