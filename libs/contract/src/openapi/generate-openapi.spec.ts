import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ItemInputSchema, ItemSchema } from '../lib/item-schemas';
import { ItemPageSchema } from '../lib/pagination';
import { ProblemSchema, ProblemTypes } from '../lib/problem';
import { apiRoutes } from '../lib/routes';
import { contractPackage } from './contract-package';
import {
  itemExample,
  itemInputExample,
  itemPageExample,
  validationProblemExample,
} from './examples';
import { generateOpenApiDocument, serializeOpenApi } from './generate-openapi';

const committedPath = join(__dirname, '..', '..', 'openapi.json');
const fresh = () => generateOpenApiDocument(contractPackage.version);

describe('openapi.json', () => {
  it('is committed exactly as the contract generates it (run `nx run contract:openapi`)', () => {
    expect(readFileSync(committedPath, 'utf8')).toBe(serializeOpenApi(fresh()));
  });

  it('validates as OpenAPI 3 with zero errors', async () => {
    await expect(SwaggerParser.validate(fresh() as never)).resolves.toBeDefined();
  });

  it('has one operation per contract route, named by its operationId, with a summary', () => {
    const document = fresh();
    for (const route of apiRoutes) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation).toMatchObject({
        operationId: route.operationId,
        summary: expect.any(String),
      });
      expect(operation.security).toEqual(
        route.auth === 'jwt' ? [{ bearerAuth: [...route.scopes] }] : [],
      );
    }
  });

  it('serves every error the function makes as problem+json', () => {
    const { paths } = fresh();
    const replace404 = paths['/items/{id}'].put.responses['412'];
    expect(Object.keys(replace404.content)).toEqual(['application/problem+json']);
    expect(Object.keys(paths['/items'].get.responses['401'].content)).toEqual(['application/json']);
    expect(paths['/items'].post.responses['503'].headers).toHaveProperty('retry-after');
  });

  it('documents success headers and makes If-Match required where 428 can answer', () => {
    const { paths } = fresh();
    expect(Object.keys(paths['/items'].post.responses['201'].headers)).toEqual([
      'location',
      'etag',
    ]);
    const ifMatch = (op: { parameters: { name: string; required?: boolean }[] }) =>
      op.parameters.find((p) => p.name === 'if-match');
    expect(ifMatch(paths['/items/{id}'].put)?.required).toBe(true);
    expect(ifMatch(paths['/items/{id}'].delete)?.required).toBeUndefined();
  });

  it('lists every problem type in the description', () => {
    const { info } = fresh();
    for (const kind of Object.values(ProblemTypes)) expect(info.description).toContain(kind.type);
  });

  it('has examples that satisfy the contract schemas', () => {
    expect(ItemInputSchema.safeParse(itemInputExample).success).toBe(true);
    expect(ItemSchema.safeParse(itemExample).success).toBe(true);
    expect(ItemPageSchema.safeParse(itemPageExample).success).toBe(true);
    expect(ProblemSchema.safeParse(validationProblemExample).success).toBe(true);
  });
});
