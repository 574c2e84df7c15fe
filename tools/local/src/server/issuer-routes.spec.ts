import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDevIssuer } from '../auth/dev-issuer';
import { ISSUER_PATH } from '../auth/local-identity';
import { localClients } from '../auth/oauth-clients';
import { createOAuthProvider } from '../auth/oauth-provider';
import { readBody } from './read-body';
import { issuerRoutes } from './issuer-routes';

describe('the local issuer’s paths beside an app that serves every path ($default)', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const issuer = await createDevIssuer({
      issuer: `http://127.0.0.1:9${ISSUER_PATH}`,
      audience: 'a',
    });
    const routes = issuerRoutes(createOAuthProvider({ issuer, clients: localClients('a', []) }));
    // The app behind: answers with what it received, as a `$default` route's function would.
    server = createServer((req, res) => {
      void (async () => {
        const local = await routes(req, new URL(req.url ?? '/', 'http://gateway.local'));
        if (local) return res.writeHead(local.status, local.headers).end(local.body);
        const body = await readBody(req, 1024);
        res.end(JSON.stringify({ app: true, path: req.url, body: body?.toString() }));
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('answers its own endpoints', async () => {
    const response = await fetch(`${base}${ISSUER_PATH}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect((await response.json()).token_endpoint).toMatch(/\/token$/);
  });

  it('leaves every other path, below its own too, to the app, with the body unread', async () => {
    for (const path of [`${ISSUER_PATH}/profile`, `${ISSUER_PATH}/constructor`, '/_local/x']) {
      const response = await fetch(`${base}${path}`, { method: 'POST', body: 'hello' });
      expect(await response.json()).toEqual({ app: true, path, body: 'hello' });
    }
  });
});
