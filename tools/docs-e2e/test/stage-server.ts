import { handler } from '@items-api/docs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A deployed named stage in miniature: every path starts with `/<stage>`, as on
 * `https://{apiId}.execute-api.{region}.amazonaws.com/prod` (the local server has no stage
 * prefix). The docs routes go to the docs handler; `POST /items` answers a canned 201 echoing the
 * body when a bearer token is present, enough for "try it".
 */
export async function startStageServer(stage: string) {
  const docsRoute = (path: string): Pick<APIGatewayProxyEventV2, 'routeKey' | 'pathParameters'> => {
    const asset = /^\/docs\/([^/]+)$/.exec(path)?.[1];
    return asset
      ? { routeKey: 'GET /docs/{asset}', pathParameters: { asset } }
      : { routeKey: `GET ${path}` };
  };

  async function serve(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(new RegExp(`^/${stage}(?=/)`), '');
    if (request.method === 'POST' && path === '/items') {
      let body = '';
      for await (const chunk of request) body += chunk;
      const authorized = /^Bearer \S+$/.test(request.headers.authorization ?? '');
      response.writeHead(authorized ? 201 : 401, { 'content-type': 'application/json' });
      response.end(authorized ? JSON.stringify({ id: 'stage-item', ...JSON.parse(body) }) : '{}');
      return;
    }
    // Only the fields the docs handler reads; the local server builds complete events.
    const event: Partial<APIGatewayProxyEventV2> = {
      ...docsRoute(path),
      rawPath: url.pathname,
      queryStringParameters: Object.fromEntries(url.searchParams),
      headers: { 'accept-encoding': String(request.headers['accept-encoding'] ?? '') },
    };
    const result = await handler(event as APIGatewayProxyEventV2);
    response.writeHead(result.statusCode, result.headers);
    response.end(Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8'));
  }

  const server = createServer((request, response) => void serve(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    stageUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/${stage}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
