/**
 * A CloudFormation template of an HTTP API that is not the items API, in the shape CDK
 * synthesizes: a JWT authorizer whose audience is one plain client id and one resolved at deploy
 * time, routes with and without authorization scopes, public and greedy routes, the preflight
 * route, `$default`, and functions: an echo, one answering with the result it is sent, the
 * preflight function, one that throws, one slower than its integration timeout and one slower than its
 * own 1 s timeout.
 */
export const FIXTURE_AUDIENCE = 'golden-client';

const fn = (handler: string, timeoutSeconds = 5) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Handler: handler, Runtime: 'nodejs24.x', Timeout: timeoutSeconds, MemorySize: 256 },
});

const integration = (functionId: string, timeoutMs?: number) => ({
  Type: 'AWS::ApiGatewayV2::Integration',
  Properties: {
    ApiId: { Ref: 'Api' },
    IntegrationType: 'AWS_PROXY',
    IntegrationUri: { 'Fn::GetAtt': [functionId, 'Arn'] },
    PayloadFormatVersion: '2.0',
    ...(timeoutMs ? { TimeoutInMillis: timeoutMs } : {}),
  },
});

type RouteSpec = { key: string; target: string; jwt?: boolean; scopes?: string[] };

const route = ({ key, target, jwt = false, scopes }: RouteSpec) => ({
  Type: 'AWS::ApiGatewayV2::Route',
  Properties: {
    ApiId: { Ref: 'Api' },
    RouteKey: key,
    Target: { 'Fn::Join': ['', ['integrations/', { Ref: target }]] },
    AuthorizationType: jwt ? 'JWT' : 'NONE',
    ...(jwt ? { AuthorizerId: { Ref: 'Authorizer' } } : {}),
    ...(scopes ? { AuthorizationScopes: scopes } : {}),
  },
});

export type FixtureOptions = {
  /** Leave out `OPTIONS /{proxy+}` (preflights then fall to `$default`, which needs a token). */
  withoutPreflightRoute?: boolean;
  /** Leave out `$default` too: preflights then match no route at all. */
  withoutDefaultRoute?: boolean;
};

export function fixtureTemplate(options: FixtureOptions = {}): Record<string, unknown> {
  const routes: RouteSpec[] = [
    { key: 'POST /cognito', target: 'EchoIntegration', jwt: true },
    {
      key: 'GET /scoped',
      target: 'EchoIntegration',
      jwt: true,
      scopes: ['items/read', 'items/write'],
    },
    { key: 'GET /public/{name}', target: 'EchoIntegration' },
    { key: 'POST /public/{name}', target: 'EchoIntegration' },
    { key: 'ANY /files/{proxy+}', target: 'EchoIntegration' },
    { key: 'POST /result', target: 'ResultIntegration' },
    { key: 'GET /throws', target: 'ThrowsIntegration' },
    { key: 'GET /slow', target: 'SlowIntegration' },
    { key: 'GET /overrun', target: 'OverrunIntegration' },
    ...(options.withoutPreflightRoute
      ? []
      : [{ key: 'OPTIONS /{proxy+}', target: 'PreflightIntegration' }]),
    ...(options.withoutDefaultRoute
      ? []
      : [{ key: '$default', target: 'EchoIntegration', jwt: true }]),
  ];
  return {
    Resources: {
      Api: {
        Type: 'AWS::ApiGatewayV2::Api',
        Properties: {
          Name: 'golden',
          ProtocolType: 'HTTP',
          CorsConfiguration: {
            AllowOrigins: ['https://app.example.com'],
            AllowMethods: ['GET', 'POST', 'PUT'],
            AllowHeaders: ['authorization', 'content-type'],
            ExposeHeaders: ['x-trace'],
            MaxAge: 300,
          },
        },
      },
      Authorizer: {
        Type: 'AWS::ApiGatewayV2::Authorizer',
        Properties: {
          ApiId: { Ref: 'Api' },
          AuthorizerType: 'JWT',
          IdentitySource: ['$request.header.Authorization'],
          JwtConfiguration: {
            Issuer: 'https://idp.example.com/',
            Audience: [FIXTURE_AUDIENCE, { Ref: 'AppClient' }],
          },
        },
      },
      AppClient: { Type: 'AWS::Cognito::UserPoolClient', Properties: {} },
      Stage: {
        Type: 'AWS::ApiGatewayV2::Stage',
        Properties: {
          ApiId: { Ref: 'Api' },
          StageName: '$default',
          DefaultRouteSettings: { ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 500 },
        },
      },
      EchoFunction: fn('echo.handler'),
      ResultFunction: fn('result.handler'),
      PreflightFunction: fn('preflight.handler'),
      ThrowsFunction: fn('throws.handler'),
      SlowFunction: fn('slow.handler'),
      OverrunFunction: fn('slow.handler', 1),
      EchoIntegration: integration('EchoFunction'),
      ResultIntegration: integration('ResultFunction'),
      PreflightIntegration: integration('PreflightFunction'),
      ThrowsIntegration: integration('ThrowsFunction'),
      // 50 ms is the smallest integration timeout HTTP APIs allow.
      SlowIntegration: integration('SlowFunction', 50),
      OverrunIntegration: integration('OverrunFunction'),
      ...Object.fromEntries(routes.map((r, i) => [`Route${i}`, route(r)])),
      Table: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
        },
      },
    },
  };
}
