import { IdempotencyLimits } from '@items-api/contract';
import { resolveStageConfig, stageConfigs } from './stages';

describe('resolveStageConfig', () => {
  it('returns the named stage as configured', () => {
    expect(resolveStageConfig('dev')).toEqual(stageConfigs.dev);
    expect(resolveStageConfig('prod')).toEqual(stageConfigs.prod);
  });

  it("gives prod the production throttling, retention, no origin but the web app's, short tokens, the smoke test's machine client", () => {
    const prod = resolveStageConfig('prod');
    expect(prod.throttle).toEqual({ rateLimit: 100, burstLimit: 50 });
    expect(prod.retainData).toBe(true);
    expect(prod.cors.allowOrigins).toEqual([]);
    expect(prod.oauth.tokenValidity.accessTokenMinutes).toBeLessThanOrEqual(60);
    expect(prod.oauth.machineClient).toBe(true);
  });

  it('lets dev be destroyed, called from a local front-end and by a machine client', () => {
    const dev = resolveStageConfig('dev');
    expect(dev.retainData).toBe(false);
    expect(dev.cors.allowOrigins).toEqual(['http://localhost:3001']);
    expect(dev.oauth.machineClient).toBe(true);
  });

  it('replays idempotent answers at least as long as the contract promises, in every stage', () => {
    for (const stage of Object.values(stageConfigs))
      expect(stage.idempotencyTtlSeconds).toBeGreaterThanOrEqual(IdempotencyLimits.replaySeconds);
    expect(
      resolveStageConfig('prod', { idempotencyTtlSeconds: 2 * IdempotencyLimits.replaySeconds })
        .idempotencyTtlSeconds,
    ).toBe(2 * IdempotencyLimits.replaySeconds);
    expect(() =>
      resolveStageConfig('prod', { idempotencyTtlSeconds: IdempotencyLimits.replaySeconds - 1 }),
    ).toThrow(/idempotencyTtlSeconds: is shorter than the 24 h the contract promises/);
  });

  it("rejects token lifetimes outside Cognito's limits and a reserved domain prefix", () => {
    expect(() =>
      resolveStageConfig('dev', {
        oauth: {
          ...stageConfigs.dev.oauth,
          tokenValidity: { accessTokenMinutes: 2, idTokenMinutes: 60, refreshTokenDays: 30 },
        },
      }),
    ).toThrow(/oauth\.tokenValidity\.accessTokenMinutes/);
    expect(() =>
      resolveStageConfig('dev', {
        oauth: { ...stageConfigs.dev.oauth, domainPrefix: 'my-cognito' },
      }),
    ).toThrow(/oauth\.domainPrefix: may not contain aws, amazon or cognito/);
  });

  it('merges object overrides one level deep', () => {
    const config = resolveStageConfig('prod', { throttle: { burstLimit: 7 } });
    expect(config.throttle).toEqual({ rateLimit: 100, burstLimit: 7 });
  });

  it('replaces list overrides whole', () => {
    const config = resolveStageConfig('dev', {
      cors: { allowOrigins: ['https://a.example', 'http://localhost:5173'] },
    });
    expect(config.cors).toEqual({
      allowOrigins: ['https://a.example', 'http://localhost:5173'],
      maxAgeSeconds: stageConfigs.dev.cors.maxAgeSeconds,
    });
  });

  it('rejects an unknown stage, naming the known ones', () => {
    expect(() => resolveStageConfig('staging')).toThrow(
      'Unknown stage "staging": use one of dev, prod',
    );
  });

  it('rejects a route throttle for a route the contract does not have', () => {
    expect(() =>
      resolveStageConfig('dev', { routeThrottles: { 'PATCH /items': { burstLimit: 1 } } }),
    ).toThrow(/routeThrottles\.PATCH \/items: is not a route in the contract/);
  });

  it('rejects `*` mixed with explicit origins', () => {
    expect(() =>
      resolveStageConfig('dev', { cors: { allowOrigins: ['*', 'https://a.example'] } }),
    ).toThrow(/cors\.allowOrigins: `\*` cannot be combined/);
  });

  it('rejects an issuer without an audience', () => {
    expect(() => resolveStageConfig('prod', { auth: { issuer: 'https://idp.example' } })).toThrow(
      /auth\.audience: Required/,
    );
  });

  it('rejects a function timeout the gateway cannot wait for', () => {
    expect(() => resolveStageConfig('dev', { itemsFunction: { timeoutSeconds: 30 } })).toThrow(
      /itemsFunction\.timeoutSeconds/,
    );
  });

  it('keeps the alarm settings when only the alarm e-mail is given', () => {
    const config = resolveStageConfig('prod', { monitoring: { alarmEmail: 'ops@example.com' } });
    expect(config.monitoring).toEqual({
      ...stageConfigs.prod.monitoring,
      alarmEmail: 'ops@example.com',
    });
  });

  it('rejects an alarm e-mail that is not one', () => {
    expect(() => resolveStageConfig('prod', { monitoring: { alarmEmail: 'ops' } })).toThrow(
      /monitoring\.alarmEmail/,
    );
  });

  it('gives every alarm setting a reason and no more datapoints than periods', () => {
    for (const stage of ['dev', 'prod'] as const) {
      for (const setting of Object.values(stageConfigs[stage].monitoring.alarms)) {
        expect(setting.reason.length).toBeGreaterThanOrEqual(20);
        expect(setting.datapointsToAlarm).toBeLessThanOrEqual(setting.evaluationPeriods);
      }
    }
    const alarms = stageConfigs.prod.monitoring.alarms;
    expect(() =>
      resolveStageConfig('prod', {
        monitoring: {
          alarms: {
            ...alarms,
            unavailableAnswers: { ...alarms.unavailableAnswers, datapointsToAlarm: 9 },
          },
        },
      }),
    ).toThrow(
      /unavailableAnswers\.datapointsToAlarm: datapointsToAlarm cannot exceed evaluationPeriods/,
    );
  });

  it('has the per-client-IP front on in prod and off in dev by default', () => {
    expect(stageConfigs.prod.edge.enabled).toBe(true);
    expect(stageConfigs.dev.edge.enabled).toBe(false);
  });

  it('takes a custom domain only with an ACM certificate of us-east-1, where CloudFront reads them', () => {
    const certificateArn = (region: string) =>
      `arn:aws:acm:${region}:123456789012:certificate/11111111-2222-3333-4444-555555555555`;
    const domain = { domainName: 'app.example.com', certificateArn: certificateArn('us-east-1') };
    expect(resolveStageConfig('dev', { web: { domain } }).web.domain).toEqual(domain);
    expect(() =>
      resolveStageConfig('dev', {
        web: { domain: { ...domain, certificateArn: certificateArn('eu-west-1') } },
      }),
    ).toThrow(/web\.domain\.certificateArn: must be an ACM certificate ARN in us-east-1/);
    expect(() =>
      resolveStageConfig('dev', { edge: { domain: { ...domain, domainName: 'App.Example' } } }),
    ).toThrow(/edge\.domain\.domainName/);
  });

  it('turns the edge on by override, keeping its rate limit', () => {
    expect(resolveStageConfig('dev', { edge: { enabled: true } }).edge).toEqual({
      ...stageConfigs.dev.edge,
      enabled: true,
    });
    expect(() => resolveStageConfig('prod', { edge: { rateLimitPerIp: 5 } })).toThrow(
      /edge\.rateLimitPerIp/,
    );
  });
});
