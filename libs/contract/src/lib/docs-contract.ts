import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { routeAnswers } from './route-answers';
import { publicRoute } from './route-metadata';

const c = initContract();

const DocsAssetParams = z.object({
  asset: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a plain file name')
    .describe('File name of a script, stylesheet or icon the page loads, e.g. `swagger-ui.css`'),
});

const DocsAssetQuery = z.object({
  v: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_-]*$/, 'must be a content hash')
    .optional()
    .describe('Content hash the page links with; when current, the file may be cached for a year'),
});

/** Public documentation routes, served without a token. */
export const docsContract = c.router({
  getOpenApi: {
    method: 'GET',
    path: '/openapi.json',
    summary: 'The OpenAPI document of this API',
    description: 'This document, as JSON. No token needed.',
    ...routeAnswers(
      { 200: c.otherResponse({ contentType: 'application/json', body: c.type<object>() }) },
      publicRoute,
    ),
  },
  getDocs: {
    method: 'GET',
    path: '/docs',
    summary: 'Interactive API documentation (HTML)',
    description: 'The Swagger UI page for this document. No token needed.',
    ...routeAnswers(
      { 200: c.otherResponse({ contentType: 'text/html', body: c.type<string>() }) },
      publicRoute,
    ),
  },
  getDocsAsset: {
    method: 'GET',
    path: '/docs/:asset',
    summary: 'A script, stylesheet or icon of the documentation page',
    description: 'A file the documentation page loads; unknown names answer 404. No token needed.',
    pathParams: DocsAssetParams,
    query: DocsAssetQuery,
    ...routeAnswers(
      { 200: c.otherResponse({ contentType: '*/*', body: c.type<string>() }) },
      { ...publicRoute, problems: ['notFound'] },
    ),
  },
});
