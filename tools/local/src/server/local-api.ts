import { createDependencies, createItemsHandler, loadConfig } from '@items-api/api';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { synthesizeTemplate } from '@items-api/infra';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { DevIssuer, SignOptions } from '../auth/dev-issuer';
import { localIssuer } from '../auth/local-identity';
import { createJwtAuthorizer } from '../auth/jwt-authorizer';
import { startDynamoDbLocal, type DynamoDbLocal } from '../dynamodb/dynamodb-local';
import { ensureTable } from '../dynamodb/ensure-table';
import type { GatewayConfig } from '../template/gateway-config';
import { readGatewayConfig } from '../template/read-gateway-config';
import { createGatewayServer } from './gateway-server';
import { issuerRoutes } from './issuer-routes';
import { bindIntegrations, itemsFunctionOf } from './integrations';
import { createDocsHandler, loadDocsSite } from '@items-api/docs';

export type LocalApiOptions = {
  /** Default 0: any free port. */
  port?: number;
  /** DynamoDB Local keeps data in memory (tests) instead of under `dataDir`. */
  inMemory?: boolean;
  /** Default `.local-data`: DynamoDB Local's files and the dev issuer's key. */
  dataDir?: string;
  /** Use this DynamoDB instead of starting DynamoDB Local. */
  dynamodbEndpoint?: string;
  /** Stage whose synthesized template the gateway follows. Default `dev`. */
  stage?: string;
  /** A template to follow instead of synthesizing the stage (tests of CDK settings). */
  template?: Record<string, unknown>;
  tableName?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
};

export type LocalApi = {
  url: string;
  docsUrl: string;
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

export async function startLocalApi(options: LocalApiOptions = {}): Promise<LocalApi> {
  const dataDir = options.dataDir ?? '.local-data';
  const gateway = readGatewayConfig(
    options.template ?? synthesizeTemplate({ stage: options.stage ?? 'dev' }),
  );
  const endpoint = options.dynamodbEndpoint ?? process.env.DYNAMODB_ENDPOINT;
  const dynamo: DynamoDbLocal | undefined = endpoint
    ? undefined
    : await startDynamoDbLocal({ inMemory: options.inMemory, dataDir: join(dataDir, 'dynamodb') });
  const dynamodbEndpoint = endpoint ?? dynamo!.endpoint;
  const tableName = options.tableName ?? 'items-local';
  const stopDynamo = async () => dynamo?.stop();
  try {
    const client = new DynamoDBClient({
      endpoint: dynamodbEndpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTable(client, tableName, gateway.table);
    client.destroy();
  } catch (error) {
    await stopDynamo();
    throw error;
  }

  const items = createItemsHandler(
    createDependencies(
      loadConfig({
        ...itemsFunctionOf(gateway).environment,
        TABLE_NAME: tableName,
        DYNAMODB_ENDPOINT: dynamodbEndpoint,
        AWS_REGION: 'local',
        LOG_LEVEL: options.logLevel ?? 'warn',
      }),
    ),
  );
  let issuer: DevIssuer | undefined;
  let authorize: ReturnType<typeof createJwtAuthorizer> | undefined;
  const server = createGatewayServer({
    config: gateway,
    integrations: bindIntegrations(gateway, { items, docs: createDocsHandler(loadDocsSite()) }),
    authorize: (authorization) => authorize!(authorization),
    localRoutes: (path) => (issuer ? issuerRoutes(issuer, path) : undefined),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  }).catch(async (error: NodeJS.ErrnoException) => {
    await stopDynamo();
    throw new Error(
      error.code === 'EADDRINUSE'
        ? `port ${options.port} is already in use (choose another with --port)`
        : error.message,
    );
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  issuer = await localIssuer(url, gateway, options.inMemory ? undefined : dataDir);
  authorize = createJwtAuthorizer({ issuer: issuer.issuer, audience: [issuer.audience] });
  return {
    url,
    docsUrl: `${url}/docs`,
    dynamodbEndpoint,
    tableName,
    gateway,
    issuer,
    issueToken: (claims, tokenOptions) => issuer!.sign(claims, tokenOptions),
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await stopDynamo();
    },
  };
}
