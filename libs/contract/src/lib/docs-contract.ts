import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { publicRoute } from './route-metadata';

const c = initContract();

/** Public documentation routes, served without a token. */
export const docsContract = c.router({
  getOpenApi: {
    method: 'GET',
    path: '/openapi.json',
    summary: 'The OpenAPI document of this API',
    responses: { 200: z.record(z.unknown()) },
    metadata: publicRoute,
  },
  getDocs: {
    method: 'GET',
    path: '/docs',
    summary: 'Interactive API documentation (HTML)',
    responses: { 200: c.otherResponse({ contentType: 'text/html', body: c.type<string>() }) },
    metadata: publicRoute,
  },
});
