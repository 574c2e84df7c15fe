import type { Prices } from '../prices';

/** What one warm invocation cost on this machine: wall and CPU time, and DynamoDB units. */
export type MeasuredInvocation = {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly readUnits: number;
  readonly writeUnits: number;
};

/** `httpApiEdge`: HTTP API behind the stack's optional CloudFront + WAF front (`-c edge=true`). */
export type Gateway = 'httpApi' | 'httpApiEdge' | 'restApi';

/** Lambda gives a function one full vCPU at 1,769 MB and a proportional share below. */
export const LAMBDA_MB_PER_VCPU = 1769;

/**
 * The stand-in for Lambda's duration at `memoryMb`: CPU time measured here is taken as the time
 * on one full vCPU and stretched by the memory's CPU share; the time spent waiting (wall − CPU,
 * mostly the DynamoDB round trip) is kept as measured.
 */
export function modelledDurationMs(
  invocation: Pick<MeasuredInvocation, 'wallMs' | 'cpuMs'>,
  memoryMb: number,
  mbPerVcpu = LAMBDA_MB_PER_VCPU,
): number {
  const cpuMs = Math.min(invocation.cpuMs, invocation.wallMs);
  const waitMs = invocation.wallMs - cpuMs;
  return cpuMs * Math.max(1, mbPerVcpu / memoryMb) + waitMs;
}

/** Lambda bills duration in 1 ms steps, rounded up. */
export function billedDurationMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}

export type CostPerMillion = {
  readonly lambdaDuration: number;
  readonly lambdaRequests: number;
  readonly dynamodbReads: number;
  readonly dynamodbWrites: number;
  readonly gateway: number;
  readonly total: number;
  readonly meanBilledMs: number;
};

/**
 * What the front door costs per million requests: the gateway, plus for the edge CloudFront's
 * HTTPS requests and WAF's inspected requests (the web ACL's monthly fee is not per request:
 * see `edgeMonthlyUsd`).
 */
function frontDoorPerMillion(
  gateway: Gateway,
  prices: Pick<Prices, 'apiGateway' | 'cloudFront' | 'waf'>,
): number {
  if (gateway === 'restApi') return prices.apiGateway.restApiPerMillionRequestsUsd;
  const http = prices.apiGateway.httpApiPerMillionRequestsUsd;
  if (gateway === 'httpApi') return http;
  return http + prices.cloudFront.perMillionHttpsRequestsUsd + prices.waf.perMillionRequestsUsd;
}

/** The edge's fixed monthly fee: one web ACL and its rules (the stack's ACL has two). */
export const edgeMonthlyUsd = (prices: Pick<Prices, 'waf'>, rules = 2) =>
  prices.waf.perWebAclMonthUsd + rules * prices.waf.perRuleMonthUsd;

/** USD per million requests shaped like `invocations`, through `gateway`, at `memoryMb`. */
export function costPerMillion(
  invocations: readonly MeasuredInvocation[],
  { memoryMb, gateway }: { memoryMb: number; gateway: Gateway },
  prices: Pick<Prices, 'lambdaArm64' | 'apiGateway' | 'dynamodbOnDemand' | 'cloudFront' | 'waf'>,
): CostPerMillion {
  if (invocations.length === 0) throw new Error('no invocations to price');
  const n = invocations.length;
  const meanOf = (f: (i: MeasuredInvocation) => number) =>
    invocations.reduce((sum, i) => sum + f(i), 0) / n;
  const meanBilledMs = meanOf((i) => billedDurationMs(modelledDurationMs(i, memoryMb)));
  const gbSecondsPerRequest = (memoryMb / 1024) * (meanBilledMs / 1000);
  const lambdaDuration = gbSecondsPerRequest * prices.lambdaArm64.perGbSecondUsd * 1e6;
  const lambdaRequests = prices.lambdaArm64.perMillionRequestsUsd;
  const dynamodbReads =
    meanOf((i) => i.readUnits) * prices.dynamodbOnDemand.perMillionReadRequestUnitsUsd;
  const dynamodbWrites =
    meanOf((i) => i.writeUnits) * prices.dynamodbOnDemand.perMillionWriteRequestUnitsUsd;
  const gatewayUsd = frontDoorPerMillion(gateway, prices);
  return {
    lambdaDuration,
    lambdaRequests,
    dynamodbReads,
    dynamodbWrites,
    gateway: gatewayUsd,
    total: lambdaDuration + lambdaRequests + dynamodbReads + dynamodbWrites + gatewayUsd,
    meanBilledMs,
  };
}

/**
 * What cold starts add: since `prices.lambdaArm64.initBilledSince` Lambda bills each new
 * execution environment's INIT phase as duration (modelled as invocations are), so the cost
 * per million requests grows with the share of them that start an environment.
 */
export function initCostPerMillionColdStarts(
  init: Pick<MeasuredInvocation, 'wallMs' | 'cpuMs'>,
  memoryMb: number,
  prices: Pick<Prices, 'lambdaArm64'>,
): { billedMs: number; usd: number } {
  const billedMs = billedDurationMs(modelledDurationMs(init, memoryMb));
  return {
    billedMs,
    usd: (memoryMb / 1024) * (billedMs / 1000) * prices.lambdaArm64.perGbSecondUsd * 1e6,
  };
}
