import { synthesizeTemplate } from '@items-api/infra';
import { fixtureTemplate } from '../../test/golden-events/fixture-template';
import type { CfnTemplate } from './cfn-template';
import { localAudiences, readAuthorizer } from './read-authorizer';
import { readGatewayConfig } from './read-gateway-config';

type Mutable = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };

const template = () => fixtureTemplate() as unknown as Mutable;
const authorizerOf = (t: Mutable) => t.Resources['Authorizer']!.Properties;

describe('readAuthorizer', () => {
  it('reads the identity header, the plain and deploy-time audiences and each route’s scopes', () => {
    expect(readAuthorizer(template() as CfnTemplate, 'Api')).toEqual({
      identityHeader: 'authorization',
      audience: ['golden-client'],
      hasDeployTimeAudience: true,
      routeScopes: { 'GET /scoped': ['items/read', 'items/write'] },
    });
  });

  it('is what readGatewayConfig gives the gateway', () => {
    expect(readGatewayConfig(fixtureTemplate()).authorizer.routeScopes).toEqual({
      'GET /scoped': ['items/read', 'items/write'],
    });
  });

  it('follows another identity header', () => {
    const t = template();
    authorizerOf(t)['IdentitySource'] = ['$request.header.X-Api-Token'];
    expect(readAuthorizer(t as CfnTemplate, 'Api').identityHeader).toBe('x-api-token');
  });

  it.each([
    [['$request.querystring.token']],
    [['$request.header.A', '$request.header.B']],
    [[{ Ref: 'Source' }]],
  ])('refuses an identity source it cannot emulate: %j', (source) => {
    const t = template();
    authorizerOf(t)['IdentitySource'] = source;
    expect(() => readAuthorizer(t as CfnTemplate, 'Api')).toThrow(
      /identity source .* is not emulated/,
    );
  });

  it('ignores scopes on a route without the JWT authorizer, and refuses scopes that are not strings', () => {
    const t = template();
    const route = Object.values(t.Resources).find(
      (r) => r.Properties['RouteKey'] === 'GET /public/{name}',
    );
    route!.Properties['AuthorizationScopes'] = ['x'];
    expect(readAuthorizer(t as CfnTemplate, 'Api').routeScopes).not.toHaveProperty([
      'GET /public/{name}',
    ]);
    const scoped = Object.values(t.Resources).find(
      (r) => r.Properties['RouteKey'] === 'GET /scoped',
    );
    scoped!.Properties['AuthorizationScopes'] = [{ Ref: 'Scope' }];
    expect(() => readAuthorizer(t as CfnTemplate, 'Api')).toThrow(
      /AuthorizationScopes must be strings/,
    );
  });

  it('accepts the local stand-in only for audiences that resolve at deploy time', () => {
    const config = readAuthorizer(template() as CfnTemplate, 'Api');
    expect(localAudiences(config, 'stand-in')).toEqual(['golden-client', 'stand-in']);
    expect(localAudiences({ ...config, hasDeployTimeAudience: false }, 'stand-in')).toEqual([
      'golden-client',
    ]);
  });

  it('reads the items stack: the Authorization header, the Cognito client id known at deploy time', () => {
    expect(readGatewayConfig(synthesizeTemplate({ stage: 'dev' })).authorizer).toMatchObject({
      identityHeader: 'authorization',
      audience: [],
      hasDeployTimeAudience: true,
    });
    const external = synthesizeTemplate({
      stage: 'prod',
      overrides: { auth: { issuer: 'https://idp.example/', audience: ['web', 'cli'] } },
    });
    expect(readGatewayConfig(external).authorizer).toMatchObject({
      audience: ['web', 'cli'],
      hasDeployTimeAudience: false,
    });
  });
});
