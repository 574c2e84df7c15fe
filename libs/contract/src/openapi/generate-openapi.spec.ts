import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayAnswers } from '../lib/gateway-answers';
import { ContentTypes } from '../lib/headers';
import { ItemInputSchema, ItemSchema } from '../lib/item-schemas';
import { ItemPageSchema } from '../lib/pagination';
import { ProblemSchema, ProblemTypes, type ProblemTypeName } from '../lib/problem';
import { apiRoutes } from '../lib/routes';
import { contractPackage } from './contract-package';
import { itemExample, itemInputExample, itemPageExample, problemExample } from './examples';
import { generateOpenApiDocument, serializeOpenApi } from './generate-openapi';
import { problemsOf } from './operation';

const committedPath = join(__dirname, '..', '..', 'openapi.json');
const fresh = () => generateOpenApiDocument(contractPackage.version);

type Response = {
  headers?: Record<string, { required?: boolean }>;
  content?: Record<
    string,
    { schema: { allOf?: { properties?: { type?: { enum: string[] } } }[] } }
  >;
};
type Operation = {
  operationId: string;
  description?: string;
  security: unknown;
  'x-required-scopes'?: string[];
  responses: Record<string, Response>;
};

const operationOf = (path: string, method: string) =>
  (fresh().paths[path] as Record<string, Operation>)[method.toLowerCase()] as Operation;

/** The problem types an operation's responses list, by status. */
const documentedProblems = (operation: Operation) =>
  Object.values(operation.responses).flatMap(
    (response) =>
      response.content?.[ContentTypes.problem]?.schema.allOf?.[1]?.properties?.type?.enum ?? [],
  );

describe('openapi.json', () => {
  it('is committed exactly as the contract generates it (run `nx run contract:openapi`)', () => {
    expect(readFileSync(committedPath, 'utf8')).toBe(serializeOpenApi(fresh()));
  });

  it('validates as OpenAPI 3 with zero errors', async () => {
    await expect(SwaggerParser.validate(fresh() as never)).resolves.toMatchObject({
      openapi: expect.stringMatching(/^3\.0\./),
    });
  });

  it('declares on every operation exactly the statuses of its contract route’s types', () => {
    const committed = JSON.parse(readFileSync(committedPath, 'utf8')) as {
      paths: Record<string, Record<string, Operation>>;
    };
    for (const route of apiRoutes) {
      const typed = Object.keys(route.route.responses).sort();
      const path = committed.paths[route.path] ?? {};
      // HEAD is GET without the body: the GET route's statuses (RFC 9110 §9.3.2).
      const methods = route.method === 'GET' ? ['get', 'head'] : [route.method.toLowerCase()];
      for (const method of methods) {
        const documented = Object.keys(path[method]?.responses ?? {}).sort();
        expect([route.routeKey, method, documented]).toEqual([route.routeKey, method, typed]);
      }
    }
  });

  it('names in the list operation’s text exactly the query parameters it declares', () => {
    const operation = operationOf('/items', 'get') as Operation & {
      parameters: { name: string; in: string }[];
    };
    const declared = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
    const named = /Query parameters other than (.+?) are ignored/.exec(
      operation.description ?? '',
    )?.[1];
    expect(named?.match(/`[^`]+`/g)?.map((name) => name.slice(1, -1))).toEqual(declared);
  });

  it('has one operation per contract route, named by its operationId, with a description', () => {
    for (const route of apiRoutes) {
      const operation = operationOf(route.path, route.method);
      expect(operation).toMatchObject({
        operationId: route.operationId,
        summary: expect.any(String),
        description: expect.any(String),
      });
      expect(operation.security).toEqual(route.auth === 'jwt' ? [{ bearerAuth: [] }] : []);
      if (route.auth === 'jwt') {
        expect(operation['x-required-scopes']).toEqual([...route.scopes]);
        for (const scope of route.scopes) expect(operation.description).toContain(scope);
      }
    }
  });

  it('declares HEAD beside every GET of the items API, with the same statuses and headers (RFC 9110 §9.3.2)', () => {
    for (const route of apiRoutes.filter((r) => r.method === 'GET' && r.auth === 'jwt')) {
      const get = operationOf(route.path, 'get');
      const head = operationOf(route.path, 'head');
      expect(head.operationId).toBe(`${route.operationId}Head`);
      expect(Object.keys(head.responses)).toEqual(Object.keys(get.responses));
      for (const [status, response] of Object.entries(head.responses)) {
        expect(response.content).toBeUndefined();
        expect(response.headers).toEqual(get.responses[status]?.headers);
      }
    }
  });

  it('lists on each operation exactly the problem types the route can answer', () => {
    for (const route of apiRoutes) {
      const expected = problemsOf(route.route).map(
        (name: ProblemTypeName) => ProblemTypes[name].type,
      );
      const listed = documentedProblems(operationOf(route.path, route.method));
      expect([route.operationId, [...listed].sort()]).toEqual([
        route.operationId,
        [...expected].sort(),
      ]);
    }
    expect(documentedProblems(operationOf('/items', 'get'))).not.toContain(
      ProblemTypes.malformedJson.type,
    );
  });

  it("declares API Gateway's own answers as application/json, 401 with WWW-Authenticate", () => {
    for (const route of apiRoutes) {
      const { responses } = operationOf(route.path, route.method);
      for (const answer of GatewayAnswers.filter(
        (a) => a.routes === 'all' || route.auth === 'jwt',
      )) {
        const mediaTypes = Object.keys(responses[answer.status]?.content ?? {});
        expect([route.routeKey, answer.status, mediaTypes]).toEqual([
          route.routeKey,
          answer.status,
          expect.arrayContaining([ContentTypes.json]),
        ]);
      }
      if (route.auth === 'jwt') {
        expect(responses['401']?.headers?.['www-authenticate']?.required).toBe(true);
        expect(Object.keys(responses['401']?.content ?? {})).toEqual([
          ContentTypes.problem,
          ContentTypes.json,
        ]);
      }
    }
  });

  it('declares 304 with its ETag, and each path’s 405 with Allow', () => {
    const { paths } = fresh();
    expect(paths['/items/{id}'].get.responses['304'].headers.etag.required).toBe(true);
    expect(paths['/items/{id}']['x-method-not-allowed'].headers.allow.schema.enum).toEqual([
      'GET, HEAD, PUT, DELETE',
    ]);
    expect(paths['/items']['x-method-not-allowed'].headers.allow.schema.enum).toEqual([
      'GET, HEAD, POST',
    ]);
  });

  it('makes If-Match required where 428 can answer, and publishes no request default', () => {
    const { paths, components } = fresh();
    const ifMatch = (op: { parameters: { name: string; required?: boolean }[] }) =>
      op.parameters.find((p) => p.name === 'if-match');
    expect(ifMatch(paths['/items/{id}'].put)?.required).toBe(true);
    expect(ifMatch(paths['/items/{id}'].delete)?.required).toBeUndefined();
    expect(JSON.stringify(components?.schemas?.['ItemInput'])).not.toContain('"default"');
  });

  it('types Problem.type as the catalogue', () => {
    const problem = fresh().components?.schemas?.['Problem'] as {
      properties: { type: { enum: string[] } };
    };
    expect(problem.properties.type.enum).toEqual(Object.values(ProblemTypes).map((k) => k.type));
  });

  it('has examples that satisfy the contract schemas', () => {
    expect(ItemInputSchema.safeParse(itemInputExample).success).toBe(true);
    expect(ItemSchema.safeParse(itemExample).success).toBe(true);
    expect(ItemPageSchema.safeParse(itemPageExample).success).toBe(true);
    for (const name of Object.keys(ProblemTypes) as ProblemTypeName[]) {
      expect(ProblemSchema.safeParse(problemExample(name)).success).toBe(true);
    }
  });
});
