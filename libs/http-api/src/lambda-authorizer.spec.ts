import { buildEvent, type ApiIdentity, type IncomingRequest } from './build-event';
import { GatewayMessages } from './gateway-answers';
import {
  createLambdaAuthorizer,
  readAuthorizerResult,
  routeArn,
  type AuthorizerEvent,
  type LambdaAuthorizerSettings,
} from './lambda-authorizer';

// Sources: AWS guide "Working with AWS Lambda authorizers for HTTP APIs" (payload format 2.0,
// simple and IAM policy responses, identity sources, caching); "Output from an API Gateway
// Lambda authorizer" (the policy); Powertools' captures `apigw-http/authorizer-request.json`
// and `lambda-authorizer-auth.json`.

const api: ApiIdentity = { apiId: 'lsw1ro4ipb', accountId: '123456789012', stage: '$default' };
const where = { ...api, region: 'eu-west-1' };

const request = (overrides: Partial<IncomingRequest> = {}): Omit<IncomingRequest, 'body'> => ({
  method: 'POST',
  path: '/lambda',
  rawQueryString: '',
  headers: {
    host: 'lsw1ro4ipb.execute-api.eu-west-1.amazonaws.com',
    authorization: 'Bearer foo',
    'user-agent': 'HTTPie/3.2.2',
  },
  cookies: [],
  sourceIp: '15.248.3.126',
  requestId: 'ZhNHJhhLjoEEPiw=',
  receivedAt: new Date(1718639559080),
  ...overrides,
});

const settings = (overrides: Partial<LambdaAuthorizerSettings> = {}): LambdaAuthorizerSettings => ({
  identitySource: ['$request.header.Authorization'],
  simpleResponses: true,
  resultTtlSeconds: 300,
  ...overrides,
});

const policy = (effect: 'Allow' | 'Deny', resource: string) => ({
  principalId: 'user-1',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
  },
  context: { tenant: 't1' },
});

function authorizerWith(results: unknown[], options: Partial<LambdaAuthorizerSettings> = {}) {
  const events: AuthorizerEvent[] = [];
  const clock = { now: 1_000_000 };
  const authorize = createLambdaAuthorizer(
    settings(options),
    async (event) => {
      events.push(event);
      const result = results[Math.min(events.length - 1, results.length - 1)];
      return result instanceof Error ? { ok: false } : { ok: true, result };
    },
    () => clock.now,
  );
  const call = (overrides: Partial<IncomingRequest> = {}) =>
    authorize(request(overrides), { api, routeKey: 'POST /lambda' }, where);
  return { call, events, clock };
}

describe('the Lambda authorizer (payload format 2.0)', () => {
  it('sends the event of the captured authorizer-request.json: route ARN, identity values, no body', async () => {
    const { call, events } = authorizerWith([{ isAuthorized: true }]);
    await call();
    const [event] = events;
    expect(Object.keys(event!)).toEqual([
      'version',
      'type',
      'routeArn',
      'identitySource',
      'routeKey',
      'rawPath',
      'rawQueryString',
      'headers',
      'requestContext',
    ]);
    expect(event).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      routeArn: 'arn:aws:execute-api:eu-west-1:123456789012:lsw1ro4ipb/$default/POST/lambda',
      identitySource: ['Bearer foo'],
      routeKey: 'POST /lambda',
      rawPath: '/lambda',
    });
    expect(event!.requestContext).not.toHaveProperty('authorizer');
  });

  it('reads identity sources from headers and the query string, in order', async () => {
    const { call, events } = authorizerWith([{ isAuthorized: true }], {
      identitySource: ['$request.header.X-Key', '$request.querystring.tenant'],
    });
    await call({ headers: { 'x-key': 'k1' }, rawQueryString: 'tenant=a&tenant=b' });
    expect(events[0]!.identitySource).toEqual(['k1', 'a,b']);
  });

  it.each([
    ['missing', {}],
    ['empty', { authorization: '' }],
  ])(
    'answers 401 without calling the function when an identity source is %s',
    async (_l, headers) => {
      const { call, events } = authorizerWith([{ isAuthorized: true }]);
      expect(await call({ headers })).toEqual({ ok: false, answer: GatewayMessages.unauthorized });
      expect(events).toHaveLength(0);
    },
  );

  it('passes a simple response’s context on, answers isAuthorized false with 403', async () => {
    expect(await authorizerWith([{ isAuthorized: true, context: { user: 'u' } }]).call()).toEqual({
      ok: true,
      context: { user: 'u' },
    });
    expect(await authorizerWith([{ isAuthorized: true }]).call()).toEqual({
      ok: true,
      context: null,
    });
    expect(await authorizerWith([{ isAuthorized: false }]).call()).toEqual({
      ok: false,
      answer: GatewayMessages.forbidden,
    });
  });

  it.each([
    ['no isAuthorized', { context: {} }],
    ['a string isAuthorized', { isAuthorized: 'true' }],
    ['a context that is not an object', { isAuthorized: true, context: 'x' }],
    ['an IAM policy where simple responses are on', policy('Allow', '*')],
    ['not an object', 'allow'],
  ])('answers a simple response with %s with 500', async (_label, result) => {
    expect(await authorizerWith([result]).call()).toEqual({
      ok: false,
      answer: GatewayMessages.internal,
    });
  });

  it('answers a failed authorizer invocation with 500', async () => {
    expect(await authorizerWith([new Error('crashed')]).call()).toEqual({
      ok: false,
      answer: GatewayMessages.internal,
    });
  });

  describe('IAM policy responses', () => {
    const arn = routeArn(where, 'POST', '/lambda');
    const iam = { simpleResponses: false };

    it.each([
      ['the route’s ARN', arn, true],
      ['a wildcard', 'arn:aws:execute-api:eu-west-1:123456789012:lsw1ro4ipb/*', true],
      ['a ? wildcard', arn.replace('POST', 'PO?T'), true],
      ['another route', arn.replace('POST', 'GET'), false],
    ])('decides by whether an Allow statement names %s', (_label, resource, allowed) => {
      expect(readAuthorizerResult(policy('Allow', resource), iam, arn)).toEqual(
        allowed
          ? { ok: true, context: { tenant: 't1' } }
          : { ok: false, answer: GatewayMessages.forbidden },
      );
    });

    it('lets an explicit Deny win over an Allow', () => {
      const result = policy('Allow', '*');
      result.policyDocument.Statement.push({
        Action: 'execute-api:*',
        Effect: 'Deny',
        Resource: arn,
      });
      expect(readAuthorizerResult(result, iam, arn)).toEqual({
        ok: false,
        answer: GatewayMessages.forbidden,
      });
    });

    it.each([
      ['no principalId', { policyDocument: policy('Allow', '*').policyDocument }],
      ['no policy document', { principalId: 'p' }],
      ['no statements', { principalId: 'p', policyDocument: { Statement: [] } }],
      ['a simple response', { isAuthorized: true }],
    ])('answers a response with %s with 500', (_label, result) => {
      expect(readAuthorizerResult(result, iam, arn)).toEqual({
        ok: false,
        answer: GatewayMessages.internal,
      });
    });

    it('evaluates a cached policy again for each request’s route', async () => {
      const { call, events } = authorizerWith([policy('Allow', arn)], iam);
      expect((await call()).ok).toBe(true);
      expect(await call({ method: 'GET' })).toEqual({
        ok: false,
        answer: GatewayMessages.forbidden,
      });
      expect(events).toHaveLength(1);
    });
  });

  describe('caching by identity source for the TTL', () => {
    it('calls the function once per identity within the TTL, again once it has passed', async () => {
      const { call, events, clock } = authorizerWith([{ isAuthorized: true }], {
        resultTtlSeconds: 300,
      });
      await call();
      await call();
      expect(events).toHaveLength(1);
      await call({ headers: { authorization: 'Bearer other' } });
      expect(events).toHaveLength(2);
      clock.now += 299_999;
      await call();
      expect(events).toHaveLength(2);
      clock.now += 1;
      await call();
      expect(events).toHaveLength(3);
    });

    it('caches a denial too, and nothing when the TTL is 0', async () => {
      const denied = authorizerWith([{ isAuthorized: false }, { isAuthorized: true }]);
      await denied.call();
      expect((await denied.call()).ok).toBe(false);
      expect(denied.events).toHaveLength(1);
      const uncached = authorizerWith([{ isAuthorized: true }], { resultTtlSeconds: 0 });
      await uncached.call();
      await uncached.call();
      expect(uncached.events).toHaveLength(2);
    });
  });

  it('gives the function the context as requestContext.authorizer.lambda (null when none)', () => {
    const event = buildEvent(
      { ...request(), body: new Uint8Array() },
      { api, routeKey: 'POST /lambda', lambdaAuthorizer: null },
    );
    expect(event.requestContext.authorizer).toEqual({ lambda: null });
  });
});
