import { apiRoutes, CorsAllowHeaders, CorsExposeHeaders } from '@items-api/contract';
import { preflightHeaders } from '@items-api/http-api';
import { stageConfigs, synthesizeTemplate } from '@items-api/infra';
import type { GatewayConfig } from './gateway-config';
import { readGatewayConfig } from './read-gateway-config';

const contractKeys = apiRoutes.map((r) => r.routeKey);
const routeOf = (config: GatewayConfig, routeKey: string) => {
  const route = config.routes.find((r) => r.routeKey === routeKey);
  if (!route) throw new Error(`no route ${routeKey}`);
  return route;
};

describe('readGatewayConfig on the synthesized stacks', () => {
  let dev: GatewayConfig;
  let prod: GatewayConfig;
  beforeAll(() => {
    dev = readGatewayConfig(synthesizeTemplate({ stage: 'dev' }));
    prod = readGatewayConfig(synthesizeTemplate({ stage: 'prod' }));
  });

  it('reads the contract’s routes, the docs routes’ HEAD, the preflight route and $default', () => {
    const docsHeads = apiRoutes.filter((r) => r.auth === 'none').map((r) => `HEAD ${r.path}`);
    expect(dev.routes.map((r) => r.routeKey).sort()).toEqual(
      [...contractKeys, ...docsHeads, 'OPTIONS /{proxy+}', '$default'].sort(),
    );
  });

  it('reads each route’s auth from the contract: JWT unless public, none for preflight', () => {
    for (const route of apiRoutes) {
      expect(routeOf(dev, route.routeKey).auth).toBe(route.auth);
    }
    expect(routeOf(dev, '$default').auth).toBe('jwt');
    expect(routeOf(dev, 'OPTIONS /{proxy+}').auth).toBe('none');
  });

  it('points items routes and $default at one function and public routes at another', () => {
    const itemsId = routeOf(dev, '$default').functionId;
    const docsId = routeOf(dev, 'GET /docs').functionId;
    expect(itemsId).not.toBe(docsId);
    // Routes reach only these two (the template's third function deploys the web site).
    expect([...new Set(dev.routes.map((r) => r.functionId))].sort()).toEqual(
      [itemsId, docsId].sort(),
    );
    for (const route of dev.routes) {
      expect([route.routeKey, route.functionId]).toEqual([
        route.routeKey,
        route.auth === 'jwt' ? itemsId : docsId,
      ]);
    }
  });

  it('reads payload format 2.0 and the integration timeouts', () => {
    expect(routeOf(prod, 'POST /items')).toMatchObject({
      payloadFormatVersion: '2.0',
      timeoutMs: 11_000,
    });
    expect(routeOf(prod, 'GET /openapi.json')).toMatchObject({ timeoutMs: 6_000 });
  });

  it('adds --cors-origin origins: their preflight passes (Fetch standard, CORS protocol), another origin’s still fails', () => {
    const local = readGatewayConfig(synthesizeTemplate({ stage: 'dev' }), {
      corsOrigins: ['http://localhost:5173'],
    });
    const preflight = (origin: string) =>
      preflightHeaders(local.cors, {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      });
    expect(preflight('http://localhost:5173')).toMatchObject({
      'access-control-allow-origin': 'http://localhost:5173',
    });
    expect(preflight('http://localhost:5174')).toEqual({});
    expect(local.cors.allowOrigins).toEqual([
      ...stageConfigs.dev.cors.allowOrigins,
      'http://localhost:5173',
    ]);
  });

  it('reads stage and route throttling per stage', () => {
    for (const [config, stage] of [
      [dev, stageConfigs.dev],
      [prod, stageConfigs.prod],
    ] as const) {
      expect(config.throttle).toEqual({ ...stage.throttle, routes: stage.routeThrottles });
    }
  });

  it('reads CORS with the contract’s headers and each stage’s origins', () => {
    const common = {
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowHeaders: [...CorsAllowHeaders],
      exposeHeaders: [...CorsExposeHeaders],
      allowCredentials: false,
    };
    // The web app's origin (the distribution's domain) resolves at deploy time.
    expect(dev.cors).toEqual({
      ...common,
      allowOrigins: stageConfigs.dev.cors.allowOrigins,
      deployTimeOrigins: 1,
      maxAgeSeconds: 600,
    });
    expect(prod.cors).toEqual({
      ...common,
      allowOrigins: stageConfigs.prod.cors.allowOrigins,
      deployTimeOrigins: 1,
      maxAgeSeconds: 3600,
    });
  });

  it('leaves the Cognito issuer and audience unknown: they resolve at deploy time', () => {
    expect(dev.jwt).toEqual({});
  });

  it('reads each function’s runtime, handler, size and literal environment', () => {
    const itemsId = routeOf(prod, '$default').functionId;
    expect(prod.functions[itemsId]).toEqual({
      environment: {
        IDEMPOTENCY_TTL_SECONDS: String(stageConfigs.prod.idempotencyTtlSeconds),
        POWERTOOLS_SERVICE_NAME: 'items-api',
        POWERTOOLS_METRICS_NAMESPACE: 'ItemsApi/prod',
        POWERTOOLS_TRACE_ENABLED: 'true',
      },
      timeoutSeconds: stageConfigs.prod.itemsFunction.timeoutSeconds,
      memoryMb: stageConfigs.prod.itemsFunction.memoryMb,
      handler: 'main.handler',
      runtime: 'nodejs24.x',
      architecture: 'arm64',
    });
    expect(dev.functions[routeOf(dev, '$default').functionId]?.memoryMb).toBe(
      stageConfigs.dev.itemsFunction.memoryMb,
    );
  });

  it('reads the table’s key schema and TTL attribute', () => {
    expect(dev.table).toEqual({ partitionKey: 'PK', sortKey: 'SK', ttlAttribute: 'expiresAt' });
  });
});

describe('readGatewayConfig follows the CDK settings', () => {
  it('sees changed CORS origins, burst limit and issuer', () => {
    const config = readGatewayConfig(
      synthesizeTemplate({
        stage: 'prod',
        overrides: {
          cors: { allowOrigins: ['https://one.example', 'http://localhost:5173'] },
          throttle: { burstLimit: 3 },
          routeThrottles: { 'POST /items': { rateLimit: 1, burstLimit: 1 } },
          auth: { issuer: 'https://idp.example/', audience: ['web', 'cli'] },
        },
      }),
    );
    expect(config.cors.allowOrigins).toEqual(['https://one.example', 'http://localhost:5173']);
    expect(config.throttle).toEqual({
      rateLimit: stageConfigs.prod.throttle.rateLimit,
      burstLimit: 3,
      routes: { 'POST /items': { rateLimit: 1, burstLimit: 1 } },
    });
    expect(config.jwt).toEqual({ issuer: 'https://idp.example/', audience: ['web', 'cli'] });
  });
});

describe('readGatewayConfig on other templates', () => {
  it('names the missing HTTP API', () => {
    expect(() => readGatewayConfig({ Resources: {} })).toThrow(
      'expected one AWS::ApiGatewayV2::Api, found 0',
    );
  });

  it('refuses --cors-origin for an API without CorsConfiguration, which does no CORS on AWS', () => {
    const template = synthesizeTemplate({ stage: 'dev' }) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const api = Object.values(template.Resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Api');
    if (!api) throw new Error('the dev stack has no HTTP API');
    delete api.Properties['CorsConfiguration'];
    expect(readGatewayConfig(template).cors.allowOrigins).toEqual([]);
    expect(() => readGatewayConfig(template, { corsOrigins: ['http://localhost:5173'] })).toThrow(
      'the HTTP API has no CorsConfiguration to add --cors-origin origins to',
    );
  });

  it('refuses a route whose authorization it cannot emulate', () => {
    const template = synthesizeTemplate({ stage: 'dev' }) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const route = Object.values(template.Resources).find(
      (r) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties['RouteKey'] === 'GET /items',
    );
    if (!route) throw new Error('the dev stack has no GET /items route');
    route.Properties['AuthorizationType'] = 'AWS_IAM';
    expect(() => readGatewayConfig(template)).toThrow(
      /route \w+ \(GET \/items\): IAM authorization is not emulated/,
    );
    route.Properties['AuthorizationType'] = 'CUSTOM';
    expect(() => readGatewayConfig(template)).toThrow(
      /route \w+ \(GET \/items\): its Lambda authorizer is not in the template/,
    );
  });
});
