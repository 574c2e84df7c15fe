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

  it('reports an ETag naming another version and a Location naming another id', () => {
    const res = response(201, item, { ...json, location: '/items/other', etag: '"2"' });
    expect(contractViolations(create, res)).toEqual([
      'etag "2" does not name version 1',
      `location /items/other does not name ${item.id}`,
    ]);
  });

  it('reports any 5xx and a problem whose status differs from the HTTP status', () => {
    expect(contractViolations(create, response(503, problem(503)))[0]).toMatch(/^answered 503/);
    expect(contractViolations(routeOf('getItem'), response(409, problem(404)))).toEqual([
      'problem status 404 differs from HTTP 409',
    ]);
  });

  it('derives the server-owned fields from the route’s success schema', () => {
    expect(serverOwnedFields(create).sort()).toEqual(['createdAt', 'id', 'updatedAt', 'version']);
  });
});
