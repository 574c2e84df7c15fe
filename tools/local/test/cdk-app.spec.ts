import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startLocalApi, type LocalApi } from '../src/server/local-api';
import { SHOP, synthesizeShopApp } from './fixtures/shop-app/shop-app';

// A CDK app written as teams write them (fixtures/shop-app), synthesized into a temp directory
// outside the repository — no node_modules of the kit above it — and served the way
// `npm start -- --assembly cdk.out --parameters values.json` serves it.
describe('npm start -- --assembly: a CDK app as teams write it', () => {
  let dir: string;
  let assembly: string;
  let api: LocalApi;
  const clock = { now: Date.now() };
  const logs: string[] = [];
  const parameters = { [SHOP.flagsParameter]: 'beta' };
  const authorizerId = (issuer: string) =>
    Object.entries(api.gateway.authorizers).find(
      ([, a]) => a.type === 'jwt' && a.issuer === issuer,
    )![0];
  const get = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${api.url}${path}`, init);
    const text = await response.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shop-app-'));
    assembly = synthesizeShopApp(join(dir, 'cdk.out'));
    api = await startLocalApi({
      assembly,
      parameters,
      inMemory: true,
      logSink: (line) => logs.push(line),
      now: () => clock.now,
    });
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has no node_modules above the assembly', () => {
    for (let at = assembly; at !== dirname(at); at = dirname(at)) {
      expect([at, existsSync(join(at, 'node_modules'))]).toEqual([at, false]);
    }
  });

  // Lambda developer guide, "Building Lambda functions with Node.js" (Runtime-included SDK
  // versions) and "Packaging your layer content" (nodejs/node_modules on NODE_PATH).
  it('runs a bundled CommonJS handler with the runtime’s AWS SDK, the layer’s package and a partition-key-only table', async () => {
    const token = await api.issueToken({ sub: 'ann' });
    const put = await get('/items/sku-1', {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: 'Teapot',
    });
    expect([put.status, put.json]).toEqual([201, { sku: 'sku-1' }]);
    const read = await get('/items/sku-1');
    expect([read.status, read.json]).toEqual([
      200,
      {
        sku: 'sku-1',
        name: 'Teapot',
        greeting: 'hello sku-1 from the layer',
        flags: 'beta',
        region: 'shop-north',
        module: 'object',
      },
    ]);
  });

  // Lambda supports ES module dependencies in layers from Node.js 18 (AWS knowledge center,
  // "Cannot find module or package" errors in Node.js functions).
  it('runs an ES module handler whose bare imports resolve from the runtime and the layer', async () => {
    const id = authorizerId(SHOP.issuers.partner);
    const token = await api.issueToken({ sub: 'pat' }, { authorizer: id });
    const { status, json } = await get('/partner', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      sdk: 'function',
      greeting: 'hello esm from the layer',
      esm: 'string',
    });
    // Where `/opt` would be: the layer's asset directory, named for code that reads files there.
    expect(existsSync(join(json.optDirs, 'nodejs', 'node_modules', 'shop-greeting'))).toBe(true);
    expect(json.authorizer.jwt.claims).toMatchObject({
      sub: 'pat',
      client_id: SHOP.audiences.partner,
    });
  });

  // AWS guide "Controlling access to HTTP APIs with JWT authorizers": each route's authorizer
  // checks its own issuer and audience, and the route's scopes.
  it('checks each route against its own JWT authorizer, and the route’s scopes', async () => {
    const staff = await api.issueToken({ sub: 'ann' });
    const partner = await api.issueToken(
      { sub: 'pat' },
      { authorizer: authorizerId(SHOP.issuers.partner) },
    );
    const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
    expect((await get('/partner', as(staff))).status).toBe(401);
    expect((await get('/items/x', { method: 'PUT', ...as(partner) })).status).toBe(401);
    const unscoped = await api.issueToken({ sub: 'ann' }, { scope: ['shop/read'] });
    expect((await get('/items/x', { method: 'PUT', ...as(unscoped) })).status).toBe(403);
  });

  // AWS guide "Working with AWS Lambda authorizers for HTTP APIs".
  describe('Lambda authorizers', () => {
    const key = (value?: string): RequestInit => ({
      headers: value === undefined ? {} : { 'x-shop-key': value },
    });

    it('answers 401 without calling the authorizer when its identity source is missing', async () => {
      logs.length = 0;
      expect(await get('/simple', key())).toEqual({
        status: 401,
        json: { message: 'Unauthorized' },
      });
      expect(logs.some((l) => l.startsWith('SimpleAuthorizer'))).toBe(false);
    });

    it('passes a simple response’s context as requestContext.authorizer.lambda, denies with 403', async () => {
      const allowed = await get('/simple', key('open'));
      expect(allowed.status).toBe(200);
      expect(allowed.json.authorizer.lambda).toMatchObject({ tenant: 'acme' });
      expect(await get('/simple', key('closed'))).toEqual({
        status: 403,
        json: { message: 'Forbidden' },
      });
    });

    it('caches the result by identity source for the TTL (an injected clock moves it)', async () => {
      const calls = async () => (await get('/simple', key('open'))).json.authorizer.lambda.calls;
      const first = await calls();
      expect(await calls()).toBe(first);
      clock.now += SHOP.authorizerTtlSeconds * 1000;
      expect(await calls()).toBeGreaterThan(first);
    });
  });

  // Lambda developer guide, "Define Lambda function handler in Node.js": callback handlers and
  // context.succeed work on nodejs22.x.
  it.each([
    ['/legacy', 'callback'],
    ['/legacy-succeed', 'succeed'],
  ])('answers a nodejs22.x callback handler (%s)', async (path, via) => {
    expect(await get(path)).toEqual({ status: 200, json: { via } });
  });

  it('gives tokens the scopes the served routes require, not the items API’s', async () => {
    const token = await api.issueToken({ sub: 'ann' });
    const [, payload] = token.split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString()).scope).toBe(SHOP.writeScope);
    const minted = await fetch(`${api.url}/_local/issuer/mint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'cli' }),
    });
    const { token: cliToken } = (await minted.json()) as { token: string };
    const put = await get('/items/sku-2', {
      method: 'PUT',
      headers: { authorization: `Bearer ${cliToken}` },
      body: 'Cup',
    });
    expect(put.status).toBe(201);
  });

  describe('refuses at start what it does not emulate, naming the resource', () => {
    type Template = {
      Resources: Record<string, { Type: string; Properties: any }>;
      Parameters?: any;
    };
    const variant = async (change: (template: Template) => void, options = { parameters }) => {
      const copy = mkdtempSync(join(tmpdir(), 'shop-variant-'));
      try {
        cpSync(assembly, copy, { recursive: true });
        const file = join(copy, 'Shop.template.json');
        const template = JSON.parse(readFileSync(file, 'utf8')) as Template;
        change(template);
        writeFileSync(file, JSON.stringify(template));
        const started = await startLocalApi({ assembly: copy, inMemory: true, ...options });
        await started.stop();
        return 'started';
      } catch (error) {
        return (error as Error).message;
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    };
    const ofType = (t: Template, type: string) =>
      Object.entries(t.Resources).filter(([, r]) => r.Type === type);

    it('an SSM value with no local value', async () => {
      expect(await variant(() => undefined, { parameters: {} })).toMatch(
        /AWS::Lambda::Function Items\w+: Environment\.Variables\.FLAGS is parameter \w+ \(SSM parameter \/shop\/feature-flags\)/,
      );
    });

    it.each([
      [
        'a REST API',
        (t: Template) =>
          (t.Resources['Legacy'] = { Type: 'AWS::ApiGateway::RestApi', Properties: {} }),
        /AWS::ApiGateway::RestApi Legacy: REST APIs/,
      ],
      [
        'a named stage',
        (t: Template) =>
          (ofType(t, 'AWS::ApiGatewayV2::Stage')[0]![1].Properties.StageName = 'prod'),
        /stage \w+ \("prod"\): named stages are not emulated/,
      ],
      [
        'stage variables',
        (t: Template) =>
          (ofType(t, 'AWS::ApiGatewayV2::Stage')[0]![1].Properties.StageVariables = { a: 'b' }),
        /stage \w+: stage variables are not emulated/,
      ],
      [
        'parameter mapping',
        (t: Template) =>
          (ofType(t, 'AWS::ApiGatewayV2::Integration')[0]![1].Properties.RequestParameters = {
            'append:header.x': 'y',
          }),
        /integration \w+ \(.+\): parameter mapping is not emulated/,
      ],
      [
        'IAM authorization',
        (t: Template) =>
          (ofType(t, 'AWS::ApiGatewayV2::Route')[0]![1].Properties.AuthorizationType = 'AWS_IAM'),
        /route \w+ \(.+\): IAM authorization is not emulated/,
      ],
      [
        'an import no stack exports',
        (t: Template) =>
          (ofType(t, 'AWS::Lambda::Function').find(([id]) =>
            id.startsWith('Items'),
          )![1].Properties.Environment.Variables.IMPORTED_REGION = {
            'Fn::ImportValue': 'nowhere',
          }),
        /AWS::Lambda::Function Items\w+: Environment\.Variables\.IMPORTED_REGION imports "nowhere"/,
      ],
      [
        'a dynamic reference with no local value',
        (t: Template) =>
          (ofType(t, 'AWS::Lambda::Function').find(([id]) =>
            id.startsWith('Items'),
          )![1].Properties.Environment.Variables.FLAGS = '{{resolve:ssm:/shop/other:1}}'),
        /Environment\.Variables\.FLAGS is \{\{resolve:ssm:\/shop\/other:1\}\}, .*--parameters/,
      ],
      [
        'a Lambda authorizer of payload format 1.0',
        (t: Template) =>
          (ofType(t, 'AWS::ApiGatewayV2::Authorizer').find(
            ([, a]) => a.Properties.AuthorizerType === 'REQUEST',
          )![1].Properties.AuthorizerPayloadFormatVersion = '1.0'),
        /Lambda authorizer \w+: payload format 1\.0 is not emulated/,
      ],
    ])('%s', async (_label, change, message) => {
      expect(await variant(change)).toMatch(message);
    });
  });
});
