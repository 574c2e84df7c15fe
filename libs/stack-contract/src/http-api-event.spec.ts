import { gatewayTime, joinQueryParameters, routePathPattern } from './http-api-event';

describe('payload 2.0 as HTTP API writes it', () => {
  it('writes requestContext.time as the captured events have it: day padded, UTC', () => {
    // Powertools' captured apigw-http events: "time": "12/Mar/2020:19:03:58 +0000".
    expect(gatewayTime(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('02/Jan/2026:03:04:05 +0000');
    expect(gatewayTime(new Date('2026-11-25T23:59:59.999Z'))).toBe('25/Nov/2026:23:59:59 +0000');
  });

  it('joins a repeated query parameter with commas and leaves an empty query out', () => {
    expect(joinQueryParameters('tag=a&tag=b&limit=5')).toEqual({ tag: 'a,b', limit: '5' });
    expect(joinQueryParameters('')).toBeUndefined();
  });

  it('reads {name} as one segment and {name+} as the rest of the path', () => {
    const item = routePathPattern('/items/{id}');
    expect(item.names).toEqual(['id']);
    expect(item.pattern.exec('/items/01J')?.[1]).toBe('01J');
    expect(item.pattern.test('/items/a/b')).toBe(false);
    const proxy = routePathPattern('/{proxy+}');
    expect(proxy.pattern.exec('/docs/a/b')?.[1]).toBe('docs/a/b');
    expect(routePathPattern('/').pattern.test('/')).toBe(true);
  });
});
