import { apiRoutes, CorsAllowHeaders, CorsExposeHeaders } from '@items-api/contract';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildPlaceholderStack } from './synthesize-template';

type Resource = { Properties: Record<string, unknown>; DependsOn?: string[] };

const synth = (stage: string, overrides = {}) =>
  Template.fromStack(buildPlaceholderStack({ stage, overrides }).stack);

// Named assert* so the lint rule sees the CDK assertions as assertions.
const assertResource = (template: Template, type: string, props: unknown) =>
  template.hasResourceProperties(type, props);
const assertCount = (template: Template, type: string, count: number) =>
  template.resourceCountIs(type, count);

const routesByKey = (template: Template) =>
  Object.fromEntries(
    Object.entries(
      template.findResources('AWS::ApiGatewayV2::Route') as Record<string, Resource>,
    ).map(([id, r]) => [r.Properties['RouteKey'] as string, { id, ...r.Properties }]),
  );

describe('ItemsApiStack gateway', () => {
  let dev: Template;
  let prod: Template;
  beforeAll(() => {
    dev = synth('dev');
    prod = synth('prod');
  });

  it('has one route per contract route, HEAD beside each public GET, plus preflight and $default', () => {
    const expected = apiRoutes.map((r) => r.routeKey);
    // RFC 9110 §9.3.2: the items function answers its HEADs through $default; the docs function
    // gets the HEAD of each docs GET as a route of its own.
    const heads = apiRoutes.filter((r) => r.auth === 'none').map((r) => `HEAD ${r.path}`);
    expect(Object.keys(routesByKey(dev)).sort()).toEqual(
      [...expected, ...heads, 'OPTIONS /{proxy+}', '$default'].sort(),
    );
    const routes = routesByKey(dev) as Record<string, Record<string, unknown>>;
    for (const route of apiRoutes.filter((r) => r.auth === 'none')) {
      expect(routes[`HEAD ${route.path}`]?.['Target']).toEqual(routes[route.routeKey]?.['Target']);
    }
  });

  it('guards every items route and $default with the JWT authorizer', () => {
    const routes = routesByKey(dev);
    const authorizerId = Object.keys(dev.findResources('AWS::ApiGatewayV2::Authorizer'))[0];
    const guarded = [
      ...apiRoutes.filter((r) => r.auth === 'jwt').map((r) => r.routeKey),
      '$default',
    ];
    for (const key of guarded) {
      expect(routes[key]).toMatchObject({
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: authorizerId },
      });
    }
  });

  it('leaves docs routes and the preflight route without auth', () => {
    const routes = routesByKey(dev);
    const open = [
      ...apiRoutes.filter((r) => r.auth === 'none').map((r) => r.routeKey),
      'OPTIONS /{proxy+}',
    ];
    expect(open.length).toBeGreaterThan(2);
    for (const key of open) {
      expect(routes[key]).toMatchObject({ AuthorizationType: 'NONE' });
      expect(routes[key]).not.toHaveProperty('AuthorizerId');
    }
  });

  // AWS guide "Configuring CORS for an HTTP API": the preflight route needs an integration; the
  // docs function behind it answers a preflight with 204 (apps/docs docs-handler.spec.ts).
  it('sends OPTIONS /{proxy+} to the same integration as the docs routes', () => {
    const routes = routesByKey(dev) as Record<string, Record<string, unknown>>;
    const targetOf = (key: string) => routes[key]?.['Target'];
    const docsRoute = apiRoutes.find((r) => r.auth === 'none');
    if (!docsRoute) throw new Error('the contract has no public route');
    expect(targetOf('OPTIONS /{proxy+}')).toEqual(targetOf(docsRoute.routeKey));
    expect(targetOf('OPTIONS /{proxy+}')).not.toEqual(targetOf('$default'));
  });

  it('reads the JWT from the Authorization header, issued by the stack’s Cognito pool to its app clients', () => {
    assertResource(dev, 'AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::GetAtt': [Match.stringLikeRegexp('UserPool'), 'ProviderURL'] },
        Audience: [
          { Ref: Match.stringLikeRegexp('WebClient') },
          { Ref: Match.stringLikeRegexp('MachineClient') },
        ],
      },
    });
    // prod too: its machine client is the pipeline's smoke test.
    assertResource(prod, 'AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: {
        Audience: [
          { Ref: Match.stringLikeRegexp('WebClient') },
          { Ref: Match.stringLikeRegexp('MachineClient') },
        ],
      },
    });
  });

  it('requires the contract’s scope on each items route, and an API scope on $default', () => {
    const routes = routesByKey(prod) as Record<string, Record<string, unknown>>;
    for (const route of apiRoutes) {
      const scopes = routes[route.routeKey]?.['AuthorizationScopes'];
      expect({ route: route.routeKey, scopes }).toEqual({
        route: route.routeKey,
        scopes: route.auth === 'jwt' ? [...route.scopes] : undefined,
      });
    }
    expect(routes['GET /items']?.['AuthorizationScopes']).toEqual(['items/read']);
    expect(routes['POST /items']?.['AuthorizationScopes']).toEqual(['items/write']);
    expect(routes['$default']?.['AuthorizationScopes']).toEqual(['items/read', 'items/write']);
    expect(routes['OPTIONS /{proxy+}']?.['AuthorizationScopes']).toBeUndefined();
  });

  it('uses a given issuer and audience instead of making a user pool', () => {
    const template = synth('prod', { auth: { issuer: 'https://idp.example/', audience: ['web'] } });
    assertCount(template, 'AWS::Cognito::UserPool', 0);
    assertResource(template, 'AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Issuer: 'https://idp.example/', Audience: ['web'] },
    });
  });

  it('configures CORS from the contract’s headers, with origins per stage', () => {
    const cors = {
      AllowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      AllowHeaders: [...CorsAllowHeaders],
      ExposeHeaders: [...CorsExposeHeaders],
      AllowCredentials: false,
    };
    const siteOrigin = {
      'Fn::Join': [
        '',
        ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('WebDistribution'), 'DomainName'] }],
      ],
    };
    assertResource(dev, 'AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { ...cors, AllowOrigins: [siteOrigin, 'http://localhost:3001'] },
    });
    assertResource(prod, 'AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { ...cors, AllowOrigins: [siteOrigin] },
    });
    assertResource(
      synth('prod', { cors: { allowOrigins: ['https://admin.example'] } }),
      'AWS::ApiGatewayV2::Api',
      {
        CorsConfiguration: { AllowOrigins: [siteOrigin, 'https://admin.example'] },
      },
    );
  });

  it('throttles the stage by default and POST /items by route', () => {
    assertResource(prod, 'AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 50 },
      RouteSettings: { 'POST /items': { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 25 } },
    });
  });

  it('creates the throttled route before the stage that names it', () => {
    const [stage] = Object.values(prod.findResources('AWS::ApiGatewayV2::Stage')) as Resource[];
    expect(stage?.DependsOn).toContain(routesByKey(prod)['POST /items']?.id);
  });

  it('writes JSON access logs to a log group with retention', () => {
    assertResource(prod, 'AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AccessLogs'), 'Arn'] },
        Format: Match.serializedJson(
          Match.objectLike({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    assertResource(prod, 'AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('calls the functions with payload format 2.0, waiting a second past their timeout', () => {
    assertCount(prod, 'AWS::ApiGatewayV2::Integration', 2);
    assertResource(prod, 'AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [Match.stringLikeRegexp('ItemsFunction'), 'Arn'] },
      TimeoutInMillis: 11_000,
    });
  });
});
