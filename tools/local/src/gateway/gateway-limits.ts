import { AwsQuotas } from '@items-api/stack-contract';

/** API Gateway HTTP API and Lambda limits that are not in the template (the stack's too). */
export const GatewayLimits = {
  ...AwsQuotas,
  maxIntegrationTimeoutMs: AwsQuotas.maxIntegrationTimeoutSeconds * 1000,
} as const;
