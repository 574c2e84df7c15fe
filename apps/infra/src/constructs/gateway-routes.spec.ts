import { apiRoutes, type ContractRoute } from '@items-api/contract';
import { corsAllowMethods, planGatewayRoutes } from './gateway-routes';

const route = (
  method: ContractRoute['method'],
  path: string,
  auth: 'jwt' | 'none',
  scopes: string[] = [],
) =>
  ({
    operationId: 'x',
    method,
    path,
    routeKey: `${method} ${path}`,
    auth,
    scopes,
    route: {},
  }) as unknown as ContractRoute;

describe('planGatewayRoutes', () => {
  it('gives every contract route a gateway route, HEAD beside each public GET, then preflight and $default', () => {
    const keys = planGatewayRoutes(apiRoutes).map((plan) => plan.routeKey);
    expect(keys).toEqual([
      ...apiRoutes.map((r) => r.routeKey),
      ...apiRoutes.filter((r) => r.auth === 'none').map((r) => `HEAD ${r.path}`),
      'OPTIONS /{proxy+}',
      '$default',
    ]);
  });

  it('sends public routes to the docs function without auth and the rest to items with JWT and their scopes', () => {
    const plans = planGatewayRoutes([
      route('GET', '/a', 'none'),
      route('PUT', '/b/{id}', 'jwt', ['items/write']),
    ]);
    expect(plans).toEqual([
      { routeKey: 'GET /a', target: 'docs', auth: 'none', scopes: [] },
      { routeKey: 'PUT /b/{id}', target: 'items', auth: 'jwt', scopes: ['items/write'] },
      { routeKey: 'HEAD /a', target: 'docs', auth: 'none', scopes: [] },
      { routeKey: 'OPTIONS /{proxy+}', target: 'docs', auth: 'none', scopes: [] },
      { routeKey: '$default', target: 'items', auth: 'jwt', scopes: ['items/read', 'items/write'] },
    ]);
  });

  it('takes each items route scope from the contract: reads items/read, writes items/write', () => {
    const scopes = Object.fromEntries(
      planGatewayRoutes(apiRoutes).map((plan) => [plan.routeKey, plan.scopes.join(' ')]),
    );
    expect(scopes).toMatchObject({
      'GET /items': 'items/read',
      'GET /items/{id}': 'items/read',
      'POST /items': 'items/write',
      'PUT /items/{id}': 'items/write',
      'DELETE /items/{id}': 'items/write',
      'GET /docs': '',
    });
  });
});

describe('corsAllowMethods', () => {
  it('allows each contract method once, plus OPTIONS', () => {
    expect(corsAllowMethods([route('GET', '/a', 'none'), route('GET', '/b', 'jwt')])).toEqual([
      'GET',
      'OPTIONS',
    ]);
    expect(corsAllowMethods(apiRoutes)).toEqual(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']);
  });
});
