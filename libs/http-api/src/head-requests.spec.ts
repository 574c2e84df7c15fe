import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { headRouteKey, routedMethod, routedRouteKey, withHead, withoutBody } from './head-requests';

describe('HEAD is GET without the content (RFC 9110 §9.3.2)', () => {
  it('routes HEAD as GET and nothing else', () => {
    expect(routedMethod('HEAD')).toBe('GET');
    expect(routedMethod('POST')).toBe('POST');
    expect(routedRouteKey('HEAD /docs')).toBe('GET /docs');
    expect(routedRouteKey('$default')).toBe('$default');
  });

  it('adds HEAD beside each GET, and a HEAD route key only for GET routes', () => {
    expect(withHead(['GET', 'PUT', 'DELETE'])).toEqual(['GET', 'HEAD', 'PUT', 'DELETE']);
    expect(headRouteKey('GET /openapi.json')).toBe('HEAD /openapi.json');
    expect(headRouteKey('POST /items')).toBeUndefined();
    expect(headRouteKey('$default')).toBeUndefined();
  });

  it('keeps status and headers, drops the content and says its length (RFC 9110 §8.6)', () => {
    const get = {
      statusCode: 200,
      headers: { etag: '"1"' },
      body: 'héllo',
      isBase64Encoded: false,
    };
    expect(withoutBody(get)).toEqual({
      statusCode: 200,
      headers: { etag: '"1"', 'content-length': '6' },
      body: '',
      isBase64Encoded: false,
    });
    const binary: APIGatewayProxyStructuredResultV2 = {
      statusCode: 200,
      body: Buffer.from([1, 2, 3]).toString('base64'),
      isBase64Encoded: true,
    };
    expect(withoutBody(binary).headers).toEqual({ 'content-length': '3' });
  });
});
