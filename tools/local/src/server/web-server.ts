import { allScopes } from '@items-api/contract';
import { siteHeaders } from '@items-api/infra';
import { RUNTIME_CONFIG_PATH, type WebRuntimeConfig } from '@items-api/stack-contract';
import { bundleWebApp } from '@items-api/web/build';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import type { DevIssuer } from '../auth/dev-issuer';
import type { CorsConfig } from '../template/gateway-config';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};

/** What the local web app is told: the local gateway, and the dev issuer as its OpenID provider. */
export function localWebConfig(apiUrl: string, issuer: DevIssuer): WebRuntimeConfig {
  return {
    apiUrl,
    auth: {
      issuer: issuer.issuer,
      authorizationEndpoint: `${issuer.issuer}/authorize`,
      tokenEndpoint: `${issuer.issuer}/token`,
      logoutEndpoint: `${issuer.issuer}/logout`,
      revocationEndpoint: `${issuer.issuer}/revoke`,
      clientId: issuer.audience,
      scopes: ['openid', ...allScopes],
    },
  };
}

/**
 * The API's CORS origins on this machine: the site's origin, which CloudFormation resolves at
 * deploy time (the distribution's domain), is the local web server's origin here.
 */
export function withWebOrigin(cors: CorsConfig, webOrigin: string): CorsConfig {
  if (cors.allowOrigins.includes('*') || !cors.deployTimeOrigins) return cors;
  return { ...cors, allowOrigins: [...cors.allowOrigins, webOrigin] };
}

export type WebServer = { url: string; stop(): Promise<void> };

/**
 * The web app on its own origin, as CloudFront serves it: the bundle, `config.json` from
 * `config()`, the site's security headers, and `index.html` for every other path (SPA fallback).
 */
export async function startWebServer(options: {
  port: number;
  /** `undefined` until the gateway listens (its URL is in the config). */
  config: () => WebRuntimeConfig | undefined;
}): Promise<WebServer> {
  const { files } = await bundleWebApp();
  const server: Server = createServer((req, res) => {
    const config = options.config();
    if (!config) {
      res.writeHead(503, { 'retry-after': '1' }).end();
      return;
    }
    const headers = siteHeaders([
      ...new Set([new URL(config.apiUrl).origin, new URL(config.auth.issuer).origin]),
    ]);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://web.local').pathname;
    if (path === RUNTIME_CONFIG_PATH) {
      const body = JSON.stringify(config);
      res
        .writeHead(200, {
          ...headers,
          'content-type': 'application/json',
          'cache-control': 'no-store',
        })
        .end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const name = path.slice(1);
    const asset = name && !name.includes('/') ? files.get(name) : undefined;
    const file = asset ? name : 'index.html';
    res
      .writeHead(200, {
        ...headers,
        'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
        'cache-control': asset ? 'public, max-age=0, must-revalidate' : 'no-cache',
      })
      .end(req.method === 'HEAD' ? undefined : (asset ?? files.get('index.html')));
  });
  const url = await new Promise<string>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `web port ${options.port} is already in use (choose another with --port)`
            : error.message,
        ),
      ),
    );
    server.listen(options.port, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
  return {
    url,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
