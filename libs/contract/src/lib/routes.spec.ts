import { itemsContract } from './items-contract';
import { allScopes, Scopes } from './route-metadata';
import { apiRoutes, listRoutes, toGatewayPath } from './routes';

describe('contract routes', () => {
  it('lists every items route with its gateway-style path and JWT auth', () => {
    expect(
      listRoutes(itemsContract).map((r) => `${r.method} ${r.path} ${r.auth} ${r.operationId}`),
    ).toEqual([
      'GET /items jwt listItems',
      'POST /items jwt createItem',
      'GET /items/{id} jwt getItem',
      'PUT /items/{id} jwt replaceItem',
      'DELETE /items/{id} jwt deleteItem',
    ]);
  });

  it('requires items/read to read and items/write to write', () => {
    expect(listRoutes(itemsContract).map((r) => `${r.routeKey} ${r.scopes.join(' ')}`)).toEqual([
      'GET /items items/read',
      'POST /items items/write',
      'GET /items/{id} items/read',
      'PUT /items/{id} items/write',
      'DELETE /items/{id} items/write',
    ]);
    expect(allScopes).toEqual([Scopes.read, Scopes.write]);
  });

  it('serves the docs routes without auth', () => {
    const publicRoutes = apiRoutes.filter((r) => r.auth === 'none').map((r) => r.routeKey);
    expect(publicRoutes).toEqual(['GET /openapi.json', 'GET /docs', 'GET /docs/{asset}']);
  });

  it('treats a route without metadata as JWT-protected', () => {
    const [route] = listRoutes({ x: { method: 'GET', path: '/x/:a', responses: {} } });
    expect(route).toMatchObject({ auth: 'jwt', path: '/x/{a}' });
  });

  it('rewrites every :param', () => {
    expect(toGatewayPath('/a/:b/c/:d')).toBe('/a/{b}/c/{d}');
  });
});
