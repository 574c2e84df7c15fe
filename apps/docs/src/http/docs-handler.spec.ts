import { apiRoutes } from '@items-api/contract';
import openApiDocument from '@items-api/contract/openapi.json';
import { gunzipSync } from 'node:zlib';
import { createTestEvent, type TestEventOptions } from '@items-api/test-events';
import { loadDocsSite } from '../site/docs-site';
import { createDocsHandler } from './docs-handler';
import type { DocsResult } from './responses';

const site = loadDocsSite();
const handler = createDocsHandler(site);
const key = (operationId: string) => {
  const route = apiRoutes.find((r) => r.operationId === operationId);
  if (!route) throw new Error(`no route ${operationId}`);
  return route.routeKey;
};
/** A request on a public route: no authorizer. */
const publicEvent = (routeKey: string, options: TestEventOptions = {}) =>
  createTestEvent({ routeKey, sub: null, ...options });
const getAsset = (asset: string, options: TestEventOptions = {}) =>
  handler(
    publicEvent(key('getDocsAsset'), {
      path: `/docs/${asset}`,
      pathParameters: { asset },
      ...options,
    }),
  );
// Buffer#equals: Jest's deep equality takes seconds on a 1.7 MB buffer.
const sameBytes = (a: Buffer, b: Buffer | undefined) => b !== undefined && a.equals(b);
const text = (result: DocsResult) =>
  result.isBase64Encoded
    ? Buffer.from(result.body ?? '', 'base64').toString()
    : (result.body ?? '');

describe('docs handler', () => {
  // RFC 9110 §9.3.2: HEAD is GET without the body; the stack routes each docs GET's HEAD here.
  it.each(['getOpenApi', 'getDocs'])(
    'answers HEAD of %s with the GET answer’s status and headers and no body',
    async (operationId) => {
      const getKey = key(operationId);
      const get = await handler(publicEvent(getKey));
      const head = await handler(publicEvent(getKey.replace(/^GET /, 'HEAD ')));
      expect(head.statusCode).toBe(get.statusCode);
      expect(head.body).toBe('');
      const { 'content-length': length, ...headers } = head.headers;
      expect(headers).toEqual(get.headers);
      expect(Number(length)).toBe(
        Buffer.byteLength(get.body ?? '', get.isBase64Encoded ? 'base64' : 'utf8'),
      );
    },
  );

  it('serves the committed OpenAPI document as JSON, revalidated on every use', async () => {
    const result = await handler(publicEvent(key('getOpenApi')));

    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toBe('application/json');
    expect(result.headers['cache-control']).toBe('no-cache');
    expect(JSON.parse(text(result))).toEqual(openApiDocument);
  });

  it('serves the page as HTML linking every asset by its content hash', async () => {
    const result = await handler(publicEvent(key('getDocs')));

    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(result.headers['cache-control']).toBe('no-cache');
    for (const [name, asset] of site.assets) {
      expect(text(result)).toContain(`"docs/${name}?v=${asset.hash}"`);
    }
  });

  it('puts no inline code and no off-site URL in the page', async () => {
    const html = text(await handler(publicEvent(key('getDocs'))));

    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/\sstyle=|<style/);
  });

  it('sends a strict Content-Security-Policy with every response', async () => {
    const results = await Promise.all([
      handler(publicEvent(key('getDocs'))),
      handler(publicEvent(key('getOpenApi'))),
      getAsset('swagger-ui-bundle.js'),
      getAsset('nope.js'),
    ]);

    for (const { headers } of results) {
      const csp = headers['content-security-policy'];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("connect-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-(inline|eval)|\*/);
      expect(headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it.each([
    ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
    ['docs-init.js', 'text/javascript; charset=utf-8'],
    ['swagger-ui.css', 'text/css; charset=utf-8'],
    ['favicon-32x32.png', 'image/png'],
  ])('serves %s as %s', async (name, contentType) => {
    const result = await getAsset(name);

    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toBe(contentType);
    const body = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
    expect(sameBytes(body, site.assets.get(name)?.body)).toBe(true);
  });

  it('caches an asset for a year only under the hash the page links', async () => {
    const hash = site.assets.get('swagger-ui.css')?.hash ?? '';

    const current = await getAsset('swagger-ui.css', { query: { v: hash } });
    const stale = await getAsset('swagger-ui.css', { query: { v: 'old' } });
    const bare = await getAsset('swagger-ui.css');

    expect(current.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(stale.headers['cache-control']).toBe('no-cache');
    expect(bare.headers['cache-control']).toBe('no-cache');
  });

  it('gzips text when the browser accepts it', async () => {
    const result = await getAsset('swagger-ui-bundle.js', {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });

    expect(result.headers['content-encoding']).toBe('gzip');
    expect(result.headers.vary).toBe('accept-encoding');
    const body = gunzipSync(Buffer.from(result.body ?? '', 'base64'));
    expect(sameBytes(body, site.assets.get('swagger-ui-bundle.js')?.body)).toBe(true);
  });

  it('answers an unknown asset with a 404 problem', async () => {
    const result = await getAsset('swagger-ui-standalone-preset.js');

    expect(result.statusCode).toBe(404);
    expect(result.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(text(result))).toMatchObject({
      type: 'urn:items-api:problem:not-found',
      status: 404,
      instance: '/docs/swagger-ui-standalone-preset.js',
    });
  });

  it.each([
    '../main.ts',
    '..%2F..%2Fpackage.json',
    '../../../../package.json',
    '/etc/passwd',
    'browser/docs-init.js',
    '%2e%2e%2fsite%2fdocs-site.ts',
    'docs-init.js/',
    '',
  ])('answers 404 to the path-escape attempt %j', async (asset) => {
    const result = await getAsset(asset);

    expect(result.statusCode).toBe(404);
  });

  it('answers 404 to a non-preflight OPTIONS (the gateway sends every OPTIONS here)', async () => {
    const result = await handler(publicEvent('OPTIONS /{proxy+}', { path: '/items' }));

    expect(result.statusCode).toBe(404);
  });

  // AWS guide "Configuring CORS for an HTTP API": OPTIONS /{proxy+} needs an integration, and
  // whether a preflight reaches it is not settled there — so the integration answers one.
  it.each(['/items', '/items/01JD8X3ZK5N2M4Q7R9T1V3W5Y7', '/docs'])(
    'answers a CORS preflight for %s with 204, no body and no CORS headers of its own',
    async (path) => {
      const result = await handler(
        publicEvent('OPTIONS /{proxy+}', {
          path,
          headers: {
            origin: 'https://app.example',
            'access-control-request-method': 'PUT',
            'access-control-request-headers': 'authorization,if-match',
          },
        }),
      );

      expect(result.statusCode).toBe(204);
      expect(result.body).toBeUndefined();
      expect(Object.keys(result.headers).filter((h) => h.startsWith('access-control-'))).toEqual(
        [],
      );
    },
  );

  it('routes by route key, so a stage prefix in the raw path changes nothing', async () => {
    const result = await handler(
      publicEvent(key('getDocs'), { path: '/prod/docs', stage: 'prod' }),
    );

    expect(result.statusCode).toBe(200);
  });

  it('answers 200 on every public route of the contract', async () => {
    const publicRoutes = apiRoutes.filter((r) => r.auth === 'none');

    for (const route of publicRoutes) {
      const event = publicEvent(route.routeKey, {
        path: route.path.replace('{asset}', 'docs-init.js'),
      });
      expect(`${route.path} ${(await handler(event)).statusCode}`).toBe(`${route.path} 200`);
    }
  });
});
