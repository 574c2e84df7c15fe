import { IdempotencyLimits } from '@items-api/contract';
import openApiDocument from '@items-api/contract/openapi.json';
import { itemsFunctionEnvironment } from '@items-api/stack-contract';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('names the missing variable', () => {
    expect(() => loadConfig({})).toThrow('TABLE_NAME');
  });

  it('applies defaults', () => {
    expect(loadConfig({ TABLE_NAME: 't' })).toMatchObject({
      tableName: 't',
      logLevel: undefined,
      serviceName: 'items-api',
      metricsNamespace: 'ItemsApi',
      tracingEnabled: true,
      metricsDisabled: false,
      idempotencyTtlSeconds: IdempotencyLimits.replaySeconds,
    });
  });

  it('replays idempotent answers by default for the window the published document promises', () => {
    const parameter = openApiDocument.paths['/items'].post.parameters.find(
      (p) => p.name === 'idempotency-key',
    );
    const [, hours] = /within (\d+) h\b/.exec(parameter?.description ?? '') ?? [];

    expect(Number(hours) * 3600).toBe(loadConfig({ TABLE_NAME: 't' }).idempotencyTtlSeconds);
    expect(IdempotencyLimits.replaySeconds).toBe(Number(hours) * 3600);
  });

  it('reads the Powertools settings, POWERTOOLS_LOG_LEVEL before its alias LOG_LEVEL, in any case', () => {
    expect(
      loadConfig({
        TABLE_NAME: 't',
        POWERTOOLS_LOG_LEVEL: 'WARN',
        LOG_LEVEL: 'debug',
        POWERTOOLS_SERVICE_NAME: 'items',
        POWERTOOLS_METRICS_NAMESPACE: 'ItemsApi/prod',
        POWERTOOLS_TRACE_ENABLED: 'false',
      }),
    ).toMatchObject({
      logLevel: 'warn',
      serviceName: 'items',
      metricsNamespace: 'ItemsApi/prod',
      tracingEnabled: false,
    });
    expect(loadConfig({ TABLE_NAME: 't', LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
  });

  it('names a log level Powertools does not know', () => {
    expect(() => loadConfig({ TABLE_NAME: 't', POWERTOOLS_LOG_LEVEL: 'loud' })).toThrow(
      'POWERTOOLS_LOG_LEVEL',
    );
  });

  it('reads back every setting the stack writes (one list of names for both)', () => {
    const settings = {
      tableName: 'items-prod',
      serviceName: 'items',
      metricsNamespace: 'ItemsApi/prod',
      tracingEnabled: false,
      idempotencyTtlSeconds: 3_600,
    };
    expect(loadConfig(itemsFunctionEnvironment(settings))).toMatchObject(settings);
  });

  it('keys cursors by table, so a cursor from another stage is refused', () => {
    expect(loadConfig({ TABLE_NAME: 'a' }).cursorKey).not.toBe(
      loadConfig({ TABLE_NAME: 'b' }).cursorKey,
    );
  });
});
