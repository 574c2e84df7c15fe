import {
  billedDurationMs,
  costPerMillion,
  edgeMonthlyUsd,
  initCostPerMillionColdStarts,
  modelledDurationMs,
} from './cost-model';

const testPrices = {
  lambdaArm64: {
    perGbSecondUsd: 0.00001,
    perMillionRequestsUsd: 0.2,
    initBilledSince: '2025-08-01',
  },
  apiGateway: { httpApiPerMillionRequestsUsd: 1, restApiPerMillionRequestsUsd: 3.5 },
  dynamodbOnDemand: { perMillionReadRequestUnitsUsd: 0.25, perMillionWriteRequestUnitsUsd: 1 },
  cloudFront: { perMillionHttpsRequestsUsd: 1 },
  waf: { perMillionRequestsUsd: 0.6, perWebAclMonthUsd: 5, perRuleMonthUsd: 1 },
};

describe('modelled Lambda duration', () => {
  it('stretches CPU time by the CPU share of the memory and keeps waiting time', () => {
    // 1,769 MB = one vCPU; 442.25 MB = a quarter of one.
    expect(modelledDurationMs({ wallMs: 10, cpuMs: 2 }, 442.25)).toBeCloseTo(2 * 4 + 8);
  });

  it('gives no speed-up above one vCPU (one Node thread)', () => {
    expect(modelledDurationMs({ wallMs: 10, cpuMs: 2 }, 3538)).toBe(10);
  });

  it('never counts more CPU than wall time', () => {
    expect(modelledDurationMs({ wallMs: 1, cpuMs: 3 }, 1769)).toBe(1);
  });

  it('bills whole milliseconds, rounded up, at least one', () => {
    expect(billedDurationMs(0.2)).toBe(1);
    expect(billedDurationMs(2.0001)).toBe(3);
    expect(billedDurationMs(3)).toBe(3);
  });
});

describe('cost per million requests', () => {
  const invocations = [
    { wallMs: 1.5, cpuMs: 0.5, readUnits: 1, writeUnits: 0 },
    { wallMs: 3.5, cpuMs: 0.5, readUnits: 0, writeUnits: 2 },
  ];

  it('adds Lambda duration and requests, DynamoDB units and the gateway', () => {
    // At 1,769 MB: billed 2 ms and 4 ms, mean 3 ms.
    const cost = costPerMillion(invocations, { memoryMb: 1769, gateway: 'httpApi' }, testPrices);
    expect(cost.meanBilledMs).toBe(3);
    expect(cost.lambdaDuration).toBeCloseTo((1769 / 1024) * 0.003 * 0.00001 * 1e6);
    expect(cost.lambdaRequests).toBe(0.2);
    expect(cost.dynamodbReads).toBeCloseTo(0.5 * 0.25);
    expect(cost.dynamodbWrites).toBeCloseTo(1 * 1);
    expect(cost.gateway).toBe(1);
    expect(cost.total).toBeCloseTo(
      cost.lambdaDuration + 0.2 + cost.dynamodbReads + cost.dynamodbWrites + 1,
    );
  });

  it('differs between HTTP and REST APIs only by the gateway price', () => {
    const http = costPerMillion(invocations, { memoryMb: 128, gateway: 'httpApi' }, testPrices);
    const rest = costPerMillion(invocations, { memoryMb: 128, gateway: 'restApi' }, testPrices);
    expect(rest.total - http.total).toBeCloseTo(2.5);
  });

  it('adds CloudFront requests and WAF inspection to HTTP API for the edge front, and nothing else', () => {
    const http = costPerMillion(invocations, { memoryMb: 128, gateway: 'httpApi' }, testPrices);
    const edge = costPerMillion(invocations, { memoryMb: 128, gateway: 'httpApiEdge' }, testPrices);
    expect(edge.gateway).toBeCloseTo(1 + 1 + 0.6);
    expect(edge.total - http.total).toBeCloseTo(1.6);
    expect(edgeMonthlyUsd(testPrices)).toBe(7);
  });

  it('refuses to price no invocations', () => {
    expect(() => costPerMillion([], { memoryMb: 128, gateway: 'httpApi' }, testPrices)).toThrow(
      'no invocations',
    );
  });
});

describe('INIT phase (billed since 1 August 2025)', () => {
  it('bills a cold start its modelled init duration at the GB-second price', () => {
    // 40 ms of CPU at a quarter vCPU is 160 ms, plus 5 ms waiting: 165 ms at 442.25 MB.
    const cost = initCostPerMillionColdStarts({ wallMs: 45, cpuMs: 40 }, 442.25, testPrices);
    expect(cost.billedMs).toBe(165);
    expect(cost.usd).toBeCloseTo((442.25 / 1024) * 0.165 * 0.00001 * 1e6);
  });
});
