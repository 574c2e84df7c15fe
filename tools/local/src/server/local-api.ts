import { createDependencies, createItemsHandler, loadConfig } from '@items-api/api';
import { createDocsHandler, loadDocsSite } from '@items-api/docs';
import { synthesizeTemplate } from '@items-api/infra';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DevIssuer, SignOptions } from '../auth/dev-issuer';
import type { AuthorizerResult } from '../auth/jwt-authorizer';
import { localIdentity } from '../auth/local-auth';
import type { GatewayConfig } from '../template/gateway-config';
import { readGatewayConfig } from '../template/read-gateway-config';
import { createGatewayServer } from './gateway-server';
import { bindIntegrations, itemsFunctionOf } from './integrations';
import type { issuerRoutes } from './issuer-routes';
import { startLocalStore } from './local-store';
import { localWebConfig, startWebServer, withWebOrigin, type WebServer } from './web-server';

export type LocalApiOptions = {
  /** Default 0: any free port. */
  port?: number;
  /** DynamoDB Local keeps data in memory (tests) instead of under `dataDir`. */
  inMemory?: boolean;
  /** Default `.local-data`: DynamoDB Local's files and the dev issuer's key. */
  dataDir?: string;
  /** Use this DynamoDB instead of starting DynamoDB Local (default: `DYNAMODB_ENDPOINT`). */
  dynamodbEndpoint?: string;
  /** Stage whose synthesized template the gateway follows. Default `dev`. */
  stage?: string;
  /** A template to follow instead of synthesizing the stage (tests of CDK settings). */
  template?: Record<string, unknown>;
  tableName?: string;
  /** Also serve the web app on its own origin (port 0: any free port). */
  web?: { port: number };
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
};

export type LocalApi = {
  url: string;
  docsUrl: string;
  /** The web app's origin, when `web` was asked for. */
  webUrl?: string;
  dynamodbEndpoint: string;
  tableName: string;
  gateway: GatewayConfig;
  issuer: DevIssuer;
  issueToken(
    claims: { sub: string } & Record<string, unknown>,
    options?: SignOptions,
  ): Promise<string>;
  stop(): Promise<void>;
};

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${port} is already in use (choose another with --port)`
            : error.message,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

/** The whole API on this machine: the stage's gateway behaviour, the same handlers, DynamoDB Local. */
export async function startLocalApi(options: LocalApiOptions = {}): Promise<LocalApi> {
  const dataDir = options.dataDir ?? '.local-data';
  const template = readGatewayConfig(
    options.template ?? synthesizeTemplate({ stage: options.stage ?? 'dev' }),
  );
  const site: { web?: WebServer; config?: () => ReturnType<typeof localWebConfig> } = {};
  if (options.web) {
    site.web = await startWebServer({ port: options.web.port, config: () => site.config?.() });
  }
  const gateway = site.web
    ? { ...template, cors: withWebOrigin(template.cors, site.web.url) }
    : template;
  const store = await startLocalStore({
    endpoint: options.dynamodbEndpoint ?? process.env.DYNAMODB_ENDPOINT,
    inMemory: options.inMemory,
    dataDir,
    tableName: options.tableName ?? 'items-local',
    table: gateway.table,
  }).catch(async (error) => {
    await site.web?.stop();
    throw error;
  });
  const env = {
    ...itemsFunctionOf(gateway).environment,
    TABLE_NAME: store.tableName,
    DYNAMODB_ENDPOINT: store.endpoint,
    AWS_REGION: 'local',
    LOG_LEVEL: options.logLevel ?? 'warn',
  };
  const items = createItemsHandler(createDependencies(loadConfig(env)));
  // The issuer's URL contains the port, known only once the server listens.
  const identity: {
    authorize?: (header?: string) => Promise<AuthorizerResult>;
    routes?: ReturnType<typeof issuerRoutes>;
  } = {};
  const server = createGatewayServer({
    config: gateway,
    integrations: bindIntegrations(gateway, { items, docs: createDocsHandler(loadDocsSite()) }),
    authorize: async (header) =>
      identity.authorize ? identity.authorize(header) : { ok: false, challenge: 'Bearer' },
    localRoutes: async (req, url) => identity.routes?.(req, url),
  });
  const url = await listen(server, options.port ?? 0).catch(async (error) => {
    await store.stop();
    await site.web?.stop();
    throw error;
  });
  const { issuer, authorize, routes } = await localIdentity(
    url,
    gateway,
    options.inMemory ? undefined : dataDir,
    site.web ? [`${site.web.url}/`] : [],
  );
  identity.authorize = authorize;
  identity.routes = routes;
  site.config = () => localWebConfig(url, issuer);
  return {
    url,
    docsUrl: `${url}/docs`,
    ...(site.web ? { webUrl: site.web.url } : {}),
    dynamodbEndpoint: store.endpoint,
    tableName: store.tableName,
    gateway,
    issuer,
    issueToken: (claims, tokenOptions) => issuer.sign(claims, tokenOptions),
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await site.web?.stop();
      await store.stop();
    },
  };
}
