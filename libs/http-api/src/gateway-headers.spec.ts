import { traceHeader } from './event-fields';
import { addForwardedHeaders, joinRawHeaders, requestHeadSize } from './gateway-headers';

describe('request headers as payload format 2.0 carries them', () => {
  // AWS guide: "Duplicate headers are combined with commas"; hotsock/voker's live capture shows
  // `"x-voker-probe": "first,second"` — no space.
  it('lower-cases names and joins repeated headers with a bare comma, Authorization included', () => {
    const { headers } = joinRawHeaders([
      'X-Probe',
      'first',
      'x-probe',
      'second',
      'Authorization',
      'Bearer a',
      'authorization',
      'Bearer b',
      'Accept',
      '*/*',
    ]);
    expect(headers).toEqual({
      'x-probe': 'first,second',
      authorization: 'Bearer a,Bearer b',
      accept: '*/*',
    });
  });

  it('moves every Cookie header into cookies, one entry per cookie', () => {
    const joined = joinRawHeaders(['Cookie', 'a=1; b=2', 'cookie', 'c=3', 'Host', 'h']);
    expect(joined).toEqual({ headers: { host: 'h' }, cookies: ['a=1', 'b=2', 'c=3'] });
  });

  // Powertools apigw-http/jwt-authorizer-auth.json: HTTPie's `Connection: keep-alive` is absent.
  it('drops hop-by-hop headers', () => {
    const { headers } = joinRawHeaders([
      'Connection',
      'keep-alive',
      'Keep-Alive',
      'timeout=5',
      'Transfer-Encoding',
      'chunked',
      'TE',
      'trailers',
      'Host',
      'h',
    ]);
    expect(headers).toEqual({ host: 'h' });
  });

  it('adds x-forwarded-* and x-amzn-trace-id as in every captured event', () => {
    const now = new Date(Date.UTC(2024, 5, 17, 15, 49, 29));
    const added = addForwardedHeaders(
      { host: 'h' },
      { sourceIp: '10.0.0.7', port: 3000, protocol: 'http' },
      () => traceHeader(now, '0123456789abcdef01234567'),
    );
    expect(added).toEqual({
      host: 'h',
      'x-forwarded-for': '10.0.0.7',
      'x-forwarded-port': '3000',
      'x-forwarded-proto': 'http',
      'x-amzn-trace-id': 'Root=1-66705b09-0123456789abcdef01234567',
    });
    const relayed = addForwardedHeaders(
      { 'x-forwarded-for': '203.0.113.9', 'x-amzn-trace-id': 'Root=1-1-2' },
      { sourceIp: '10.0.0.7', port: 443, protocol: 'https' },
      () => {
        throw new Error('a trace header the client sent is kept');
      },
    );
    expect(relayed['x-forwarded-for']).toBe('203.0.113.9, 10.0.0.7');
    expect(relayed['x-amzn-trace-id']).toBe('Root=1-1-2');
  });

  it('counts the request line and every header name and value', () => {
    expect(requestHeadSize('GET / HTTP/1.1', ['Host', 'h', 'X', 'é'])).toBe(14 + 4 + 1 + 1 + 2);
  });
});
