/**
 * Every price the cost estimate uses, and nothing else: change them here when AWS does.
 *
 * Region us-east-1 (US East, N. Virginia); list prices, first volume tier, no free tier, no
 * Savings Plans. Sources: the public AWS pricing pages "AWS Lambda pricing" (arm64 duration and
 * requests), "Amazon API Gateway pricing" (HTTP APIs: first 300 million requests a month; REST
 * APIs: first 333 million), "Amazon DynamoDB pricing – on-demand capacity" (read and write
 * request units, after the 50 % on-demand reduction of 1 November 2024), "Amazon CloudFront
 * pricing" (pay as you go, HTTPS requests from the United States, Mexico and Canada: $0.0100 per
 * 10,000) and "AWS WAF pricing" (web ACL and rule per month, requests inspected; AWS managed
 * rule groups other than the paid ones, such as the core rule set, cost no more). Data transfer
 * out is not priced: it depends on response sizes, not on the front door.
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
  readonly cloudFront: { readonly perMillionHttpsRequestsUsd: number };
  readonly waf: {
    readonly perMillionRequestsUsd: number;
    readonly perWebAclMonthUsd: number;
    readonly perRuleMonthUsd: number;
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
  cloudFront: { perMillionHttpsRequestsUsd: 1.0 },
  waf: { perMillionRequestsUsd: 0.6, perWebAclMonthUsd: 5, perRuleMonthUsd: 1 },
};
