import { applyCors, preflightHeaders, type CorsConfig } from './cors';

const cors: CorsConfig = {
  allowOrigins: ['https://app.example.com'],
  allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
  allowHeaders: ['authorization', 'content-type', 'if-match'],
  exposeHeaders: ['etag', 'location'],
  allowCredentials: false,
  maxAgeSeconds: 600,
};

describe('CORS at the gateway', () => {
  it('answers an allowed preflight with the configured headers', () => {
    expect(
      preflightHeaders(cors, {
        origin: 'https://app.example.com',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'Authorization, If-Match',
      }),
    ).toEqual({
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-allow-methods': 'GET,POST,PUT,DELETE,OPTIONS',
      'access-control-allow-headers': 'authorization,if-match',
      'access-control-max-age': '600',
    });
  });

  it('gives no CORS headers to another origin or a header not allowed', () => {
    expect(
      preflightHeaders(cors, {
        origin: 'https://evil.example',
        'access-control-request-method': 'GET',
      }),
    ).toEqual({});
    expect(
      preflightHeaders(cors, {
        origin: 'https://app.example.com',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-secret',
      }),
    ).toEqual({});
  });

  it("replaces the function's own CORS headers with the API's", () => {
    const headers = applyCors(cors, 'https://app.example.com', {
      'access-control-allow-origin': '*',
      etag: '"1"',
    });
    expect(headers).toEqual({
      etag: '"1"',
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-expose-headers': 'etag,location',
      vary: 'origin',
    });
  });

  it("adds origin to the function's own vary instead of replacing it", () => {
    const headers = applyCors(cors, 'https://app.example.com', { vary: 'accept-encoding' });
    expect(headers['vary']).toBe('accept-encoding, origin');
    expect(applyCors(cors, 'https://app.example.com', { vary: 'Origin' })['vary']).toBe('Origin');
  });
});
