import { apiRoutes, type ContractRoute } from '@items-api/contract';
import { corsAllowMethods, planGatewayRoutes } from './gateway-routes';

const route = (method: ContractRoute['method'], path: string, auth: 'jwt' | 'none') =>
  ({
    operationId: 'x',
    method,
    path,
    routeKey: `${method} ${path}`,
    auth,
    route: {},
  }) as unknown as ContractRoute;

describe('planGatewayRoutes', () => {
  it('gives every contract route a gateway route, then preflight and $default', () => {
    const keys = planGatewayRoutes(apiRoutes).map((plan) => plan.routeKey);
    expect(keys).toEqual([
      ...apiRoutes.map((r) => `${r.method} ${r.path}`),
      'OPTIONS /{proxy+}',
      '$default',
    ]);
  });

  it('sends public routes to the docs function without auth and the rest to items with JWT', () => {
    const plans = planGatewayRoutes([route('GET', '/a', 'none'), route('PUT', '/b/{id}', 'jwt')]);
    expect(plans).toEqual([
      { routeKey: 'GET /a', target: 'docs', auth: 'none' },
      { routeKey: 'PUT /b/{id}', target: 'items', auth: 'jwt' },
      { routeKey: 'OPTIONS /{proxy+}', target: 'docs', auth: 'none' },
      { routeKey: '$default', target: 'items', auth: 'jwt' },
    ]);
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
