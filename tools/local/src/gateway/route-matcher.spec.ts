import { GatewayQuotas } from '@items-api/contract';
import type { GatewayRoute } from '../template/gateway-config';
import { createRouteMatcher } from './route-matcher';

const route = (routeKey: string): GatewayRoute => ({
  routeKey,
  auth: 'jwt',
  functionId: 'Fn',
  payloadFormatVersion: '2.0',
  timeoutMs: GatewayQuotas.maxIntegrationTimeoutSeconds * 1000,
});

describe('createRouteMatcher', () => {
  const match = createRouteMatcher(
    [
      'GET /items',
      'GET /items/{id}',
      'ANY /items/{id}',
      'GET /docs/{asset}',
      'OPTIONS /{proxy+}',
      '$default',
    ].map(route),
  );

  it('prefers the exact method over ANY and extracts parameters', () => {
    expect(match('GET', '/items/abc')).toEqual({
      route: route('GET /items/{id}'),
      pathParameters: { id: 'abc' },
    });
    expect(match('PUT', '/items/abc')?.route.routeKey).toBe('ANY /items/{id}');
  });

  it('matches greedy paths last and falls back to $default', () => {
    expect(match('OPTIONS', '/items/abc/def')?.route.routeKey).toBe('OPTIONS /{proxy+}');
    expect(match('POST', '/nothing/here')?.route.routeKey).toBe('$default');
  });

  it('takes parameters from the decoded path as they are (the gateway decoded it already)', () => {
    expect(match('GET', '/items/café')?.pathParameters).toEqual({ id: 'café' });
    expect(match('GET', '/items/100%')?.pathParameters).toEqual({ id: '100%' });
    // A decoded %2F is a segment boundary: /items/a%2Fb is /items/a/b, which no item route matches.
    expect(match('GET', '/items/a/b')?.route.routeKey).toBe('$default');
  });

  it('answers nothing when there is no route and no $default', () => {
    expect(createRouteMatcher([route('GET /items')])('GET', '/other')).toBeUndefined();
  });
});
