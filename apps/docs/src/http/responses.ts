import { encodePath } from '@items-api/http-api';
import { ContentTypes, ProblemTypes, type Problem } from '@items-api/contract';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { gzipSync } from 'node:zlib';
import type { Resource } from '../site/asset-files';
import { contentSecurityPolicy } from '../site/content-security-policy';

export type DocsResult = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
};

/** Page and document change with every deploy: always revalidate. Hashed asset URLs never change. */
export const CacheControl = {
  revalidate: 'no-cache',
  immutable: 'public, max-age=31536000, immutable',
} as const;

const securityHeaders = {
  'content-security-policy': contentSecurityPolicy('header'),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const isCompressible = (contentType: string) => /^(text\/|application\/json)/.test(contentType);

// Swagger UI's bundle is 1.7 MB; gzipped once per cold start it crosses the gateway at ~0.5 MB.
// The base64 text the result needs is kept too, so warm requests neither compress nor encode.
const gzippedBase64 = new WeakMap<Resource, string>();
const gzipOnce = (resource: Resource) => {
  const cached = gzippedBase64.get(resource) ?? gzipSync(resource.body).toString('base64');
  gzippedBase64.set(resource, cached);
  return cached;
};

export function resourceResult(
  resource: Resource,
  event: APIGatewayProxyEventV2,
  cacheControl: string,
): DocsResult {
  const headers = {
    ...securityHeaders,
    'content-type': resource.contentType,
    'cache-control': cacheControl,
    vary: 'accept-encoding',
  };
  if (!isCompressible(resource.contentType)) {
    return {
      statusCode: 200,
      headers,
      body: resource.body.toString('base64'),
      isBase64Encoded: true,
    };
  }
  if (/\bgzip\b/i.test(event.headers?.['accept-encoding'] ?? '')) {
    const body = gzipOnce(resource);
    return {
      statusCode: 200,
      headers: { ...headers, 'content-encoding': 'gzip' },
      body,
      isBase64Encoded: true,
    };
  }
  return { statusCode: 200, headers, body: resource.body.toString('utf8'), isBase64Encoded: false };
}

export function notFoundResult(event: APIGatewayProxyEventV2, detail: string): DocsResult {
  const problem: Problem = {
    ...ProblemTypes.notFound,
    detail,
    instance: encodePath(event.rawPath ?? '/'),
  };
  return {
    statusCode: problem.status,
    headers: {
      ...securityHeaders,
      'content-type': ContentTypes.problem,
      'cache-control': CacheControl.revalidate,
    },
    body: JSON.stringify(problem),
    isBase64Encoded: false,
  };
}

/**
 * The answer to a CORS preflight that reaches the function: 204 and no body. No CORS headers:
 * the gateway ignores an integration's and adds the API's own (AWS guide "Configuring CORS for
 * an HTTP API").
 */
export function preflightResult(): DocsResult {
  return {
    statusCode: 204,
    headers: { ...securityHeaders, 'cache-control': CacheControl.revalidate },
    isBase64Encoded: false,
  };
}
