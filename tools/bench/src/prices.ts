/**
 * Every price the cost estimate uses, and nothing else: change them here when AWS does.
 *
 * Region us-east-1 (US East, N. Virginia); list prices, first volume tier, no free tier, no
 * Savings Plans. Data transfer out is not priced: it depends on response sizes, not on the
 * front door. Each figure names the page it was read from.
 */
export type Prices = {
  readonly recordedOn: string;
  readonly region: string;
  readonly lambdaArm64: {
    readonly perGbSecondUsd: number;
    readonly perMillionRequestsUsd: number;
    /**
     * From this date the INIT phase of on-demand ZIP functions on managed runtimes is billed as
     * duration, at the same GB-second price: each cold start costs its init time as well.
     */
    readonly initBilledSince: string;
  };
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
  recordedOn: '2026-12-07',
  region: 'us-east-1',
  lambdaArm64: {
    // https://aws.amazon.com/lambda/pricing/ — Arm, first 7.5 billion GB-seconds a month;
    // requests $0.20 per million.
    perGbSecondUsd: 0.0000133334,
    perMillionRequestsUsd: 0.2,
    // https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/ —
    // "Effective August 1, 2025 … the INIT phase … billed" like the INVOKE phase.
    initBilledSince: '2025-08-01',
  },
  apiGateway: {
    // https://aws.amazon.com/api-gateway/pricing/ — HTTP APIs, first 300 million requests a
    // month; REST APIs, first 333 million.
    httpApiPerMillionRequestsUsd: 1.0,
    restApiPerMillionRequestsUsd: 3.5,
  },
  dynamodbOnDemand: {
    // https://aws.amazon.com/dynamodb/pricing/on-demand/ — standard table class; on-demand
    // throughput halved from 1 November 2024
    // (https://aws.amazon.com/about-aws/whats-new/2024/11/amazon-dynamo-db-reduces-prices-on-demand-throughput-global-tables/):
    // $0.25 → $0.125 per million read units, $1.25 → $0.625 per million write units.
    perMillionReadRequestUnitsUsd: 0.125,
    perMillionWriteRequestUnitsUsd: 0.625,
  },
  // https://aws.amazon.com/cloudfront/pricing/ — pay as you go, HTTPS requests from the United
  // States, Mexico and Canada: $0.0100 per 10,000.
  cloudFront: { perMillionHttpsRequestsUsd: 1.0 },
  // https://aws.amazon.com/waf/pricing/ — web ACL $5 and rule $1 a month, $0.60 per million
  // requests inspected; AWS managed rule groups other than the paid ones (the core rule set)
  // cost nothing more.
  waf: { perMillionRequestsUsd: 0.6, perWebAclMonthUsd: 5, perRuleMonthUsd: 1 },
};
