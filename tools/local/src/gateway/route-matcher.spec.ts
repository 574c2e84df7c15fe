import type { GatewayRoute } from '../template/gateway-config';
import { createRouteMatcher } from './route-matcher';

const route = (routeKey: string): GatewayRoute => ({
  routeKey,
  auth: 'jwt',
  functionId: 'Fn',
  payloadFormatVersion: '2.0',
  timeoutMs: 30_000,
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

  it('passes a parameter that is not valid percent-encoding as sent, rather than throwing', () => {
    expect(match('GET', '/items/%E0%A4%A')?.pathParameters).toEqual({ id: '%E0%A4%A' });
    expect(match('GET', '/items/caf%C3%A9')?.pathParameters).toEqual({ id: 'café' });
  });

  it('answers nothing when there is no route and no $default', () => {
    expect(createRouteMatcher([route('GET /items')])('GET', '/other')).toBeUndefined();
  });
});
