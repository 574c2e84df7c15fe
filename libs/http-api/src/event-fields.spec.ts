import { domainOf, gatewayTime, isTextMediaType, traceHeader } from './event-fields';

describe('payload 2.0 fields as HTTP API writes them', () => {
  it('writes requestContext.time as the captured events have it: day padded, UTC', () => {
    // Powertools' captured apigw-http events: "time": "12/Mar/2020:19:03:58 +0000".
    expect(gatewayTime(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('02/Jan/2026:03:04:05 +0000');
    expect(gatewayTime(new Date('2026-11-25T23:59:59.999Z'))).toBe('25/Nov/2026:23:59:59 +0000');
  });

  it('writes a trace header as X-Ray does: epoch seconds in hex, then 24 hex digits', () => {
    const now = new Date(Date.UTC(2024, 5, 17, 15, 49, 29));
    expect(traceHeader(now, '5f85233d2fb7bd54034f7e30')).toBe(
      'Root=1-66705b09-5f85233d2fb7bd54034f7e30',
    );
    expect(() => traceHeader(now, 'xyz')).toThrow('24 hex digits');
  });

  // AWS Compute Blog "Handling binary data using Amazon API Gateway HTTP APIs": the encoding is
  // inferred from the content type; text for text/*, JSON, XML and JavaScript only.
  it.each([
    ['text/plain', true],
    ['Application/JSON; charset=UTF-8', true],
    ['application/xml', true],
    ['application/javascript', true],
    ['application/problem+json', false],
    ['application/x-www-form-urlencoded', false],
    ['image/png', false],
    [undefined, false],
  ])('reads a %s body as text: %s', (contentType, text) => {
    expect(isTextMediaType(contentType)).toBe(text);
  });

  it('names the domain without its port, and an IP address by the API id', () => {
    expect(domainOf('abc123.execute-api.us-east-1.amazonaws.com', 'x')).toEqual({
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
    });
    expect(domainOf('127.0.0.1:3000', 'local')).toEqual({
      domainName: '127.0.0.1',
      domainPrefix: 'local',
    });
    expect(domainOf('[::1]:3000', 'local')).toEqual({ domainName: '[::1]', domainPrefix: 'local' });
  });
});
