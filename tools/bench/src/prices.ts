/**
 * Every price the cost estimate uses, and nothing else: change them here when AWS does.
 *
 * Region us-east-1 (US East, N. Virginia); list prices, first volume tier, no free tier, no
 * Savings Plans. Sources: the public AWS pricing pages "AWS Lambda pricing" (arm64 duration and
 * requests), "Amazon API Gateway pricing" (HTTP APIs: first 300 million requests a month; REST
 * APIs: first 333 million) and "Amazon DynamoDB pricing – on-demand capacity" (read and write
 * request units, after the 50 % on-demand reduction of 1 November 2024).
 */
export type Prices = {
  readonly recordedOn: string;
  readonly region: string;
  readonly lambdaArm64: { readonly perGbSecondUsd: number; readonly perMillionRequestsUsd: number };
  readonly apiGateway: {
    readonly httpApiPerMillionRequestsUsd: number;
    readonly restApiPerMillionRequestsUsd: number;
  };
  readonly dynamodbOnDemand: {
    readonly perMillionReadRequestUnitsUsd: number;
    readonly perMillionWriteRequestUnitsUsd: number;
  };
};

export const prices: Prices = {
  recordedOn: '2026-11-25',
  region: 'us-east-1',
  lambdaArm64: {
    perGbSecondUsd: 0.0000133334,
    perMillionRequestsUsd: 0.2,
  },
  apiGateway: {
    httpApiPerMillionRequestsUsd: 1.0,
    restApiPerMillionRequestsUsd: 3.5,
  },
  dynamodbOnDemand: {
    perMillionReadRequestUnitsUsd: 0.125,
    perMillionWriteRequestUnitsUsd: 0.625,
  },
};
