import { createRouteSelector } from './route-selection';

const route = (routeKey: string) => ({ routeKey });

// AWS guide "Working with routes for HTTP APIs", "Routing API requests".
describe('createRouteSelector: API Gateway route selection', () => {
  const { select, routesAt } = createRouteSelector(
    [
      'GET /items',
      'GET /items/{id}',
      'ANY /items/{id}',
      'GET /docs/{asset}',
      'GET /store/pets/dogs',
      'GET /store/{proxy+}',
      'OPTIONS /{proxy+}',
      '$default',
    ].map(route),
  );

  it('prefers the exact method over ANY and extracts parameters', () => {
    expect(select('GET', '/items/abc')).toEqual({
      route: route('GET /items/{id}'),
      pathParameters: { id: 'abc' },
    });
    expect(select('PUT', '/items/abc')?.route.routeKey).toBe('ANY /items/{id}');
  });

  it('prefers a literal path over a greedy variable (the guide: /store/pets/dogs over /store/{proxy+})', () => {
    expect(select('GET', '/store/pets/dogs')).toEqual({ route: route('GET /store/pets/dogs') });
    expect(select('GET', '/store/pets/cats')).toEqual({
      route: route('GET /store/{proxy+}'),
      pathParameters: { proxy: 'pets/cats' },
    });
  });

  it('matches greedy paths last and falls back to $default', () => {
    expect(select('OPTIONS', '/items/abc/def')?.route.routeKey).toBe('OPTIONS /{proxy+}');
    expect(select('POST', '/nothing/here')).toEqual({ route: route('$default') });
  });

  it('takes parameters from the decoded path as they are (the gateway decoded it already)', () => {
    expect(select('GET', '/items/café')?.pathParameters).toEqual({ id: 'café' });
    expect(select('GET', '/items/100%')?.pathParameters).toEqual({ id: '100%' });
    // A decoded %2F is a segment boundary: /items/a%2Fb is /items/a/b, which no item route matches.
    expect(select('GET', '/items/a/b')?.route.routeKey).toBe('$default');
  });

  it('answers nothing when there is no route and no $default', () => {
    expect(createRouteSelector([route('GET /items')]).select('GET', '/other')).toBeUndefined();
  });

  it('lists every route at a path whatever its method, for a 405', () => {
    expect(routesAt('/items/abc').map((r) => r.routeKey)).toEqual([
      'GET /items/{id}',
      'ANY /items/{id}',
      'OPTIONS /{proxy+}',
    ]);
    expect(routesAt('/none')).toEqual([route('OPTIONS /{proxy+}')]);
  });
});
