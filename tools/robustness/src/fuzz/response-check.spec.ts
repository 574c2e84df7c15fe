import { ContentTypes, ProblemTypes } from '@items-api/contract';
import type { ApiResponse } from '../harness/robust-api';
import { routeOf, serverOwnedFields } from './contract-routes';
import { contractViolations } from './response-check';

const item = {
  id: '01JD8X3ZK5N2M4Q7R9T1V3W5Y7',
  name: 'Boots',
  tags: [],
  createdAt: '2026-11-25T09:30:00.000Z',
  updatedAt: '2026-11-25T09:30:00.000Z',
  version: 1,
};

function response(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): ApiResponse {
  const text = body === undefined ? '' : JSON.stringify(body);
  return { status, headers: new Headers(headers), text, json: body };
}

const json = { 'content-type': ContentTypes.json };
const problem = (status: number) => ({ ...ProblemTypes.notFound, status });

describe('contractViolations', () => {
  const create = routeOf('createItem');

  it('accepts a 201 with the item, its Location and its ETag', () => {
    const res = response(201, item, { ...json, location: `/items/${item.id}`, etag: '"1"' });
    expect(contractViolations(create, res)).toEqual([]);
  });

  it('reports a missing success header and an ETag naming another version', () => {
    const res = response(201, item, { ...json, etag: '"2"' });
    expect(contractViolations(create, res)).toEqual([
      'missing location header',
      'etag "2" does not name version 1',
    ]);
  });

  it('reports any 5xx and a status the route does not declare', () => {
    expect(contractViolations(create, response(503, problem(503)))[0]).toMatch(/^answered 503/);
    expect(contractViolations(routeOf('getItem'), response(409, problem(409)))).toEqual([
      'status 409 is not declared for getItem',
    ]);
  });

  it('wants problem+json for function errors and the gateway shape for 401', () => {
    const res = response(404, problem(404), json);
    expect(contractViolations(routeOf('getItem'), res)).toEqual([
      `content-type application/json for 404, expected ${ContentTypes.problem}`,
    ]);
    const unauthorized = response(401, { message: 'Unauthorized' }, json);
    expect(contractViolations(create, unauthorized)).toEqual(['401 without www-authenticate']);
  });

  it('wants no body for 204', () => {
    expect(contractViolations(routeOf('deleteItem'), response(204, item, json))).toEqual([
      'status 204 must have no body',
    ]);
  });

  it('derives the server-owned fields from the route’s success schema', () => {
    expect(serverOwnedFields(create).sort()).toEqual(['createdAt', 'id', 'updatedAt', 'version']);
  });
});
