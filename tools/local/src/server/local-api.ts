import type { StageOverrides } from '@items-api/infra';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DevIssuer, SignOptions } from '../auth/dev-issuer';
import type { JwtAuthorizer } from '../auth/jwt-authorizer';
import { localIdentity } from '../auth/local-auth';
import type { LogFormat, LogSink } from '../runtime/function-log';
import type { PoolStats } from '../runtime/function-pool';
import { LOCAL_ACCOUNT } from '../runtime/lambda-environment';
import type { GatewayConfig } from '../template/gateway-config';
import { readAssemblyStack } from '../template/read-assembly';
import { readFunctions } from '../template/read-functions';
import { readGatewayConfig } from '../template/read-gateway-config';
import { readTables } from '../template/read-tables';
import { createGatewayServer } from './gateway-server';
import { createFunctionRuntime, routedFunctions, type FunctionRuntime } from './integrations';
import type { issuerRoutes } from './issuer-routes';
import { buildItemsBundles, type ItemsBundles } from './items-bundles';
import {
  cachedItemsStack,
  hasInlineFunctions,
  withStackCode,
  type ItemsStack,
} from './items-stack';
import type { DynamoDbLocal } from '../dynamodb/dynamodb-local';
import { startLocalDynamoDb, startLocalStore, type LocalStore } from './local-store';
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
  /** Stage of the items stack to serve (built from its bundles). Default `dev`. */
  stage?: string;
  /** Settings of the items stack to change (another throttle, CORS, …). */
  overrides?: StageOverrides;
  /**
   * A variant of the items stack's template to follow (tests of CDK settings); its inline
   * placeholder code is replaced by the stack's bundles, by logical id.
   */
  template?: Record<string, unknown>;
  /** Serve this cloud assembly (`cdk synth`'s output directory) instead of the items stack. */
  assembly?: string;
  /** The assembly's stack to serve, when more than one has an HTTP API. */
  stack?: string;
  /** The local name of the template's table, when it has exactly one. Default `items-local`. */
  tableName?: string;
  /** Also serve the web app on its own origin (port 0: any free port). */
  web?: { port: number };
  /**
   * Sets the functions' `LOG_LEVEL` and `POWERTOOLS_LOG_LEVEL` and their system log level (a
   * local override of the template): at `warn` and above START/END/REPORT are left out, as
   * Lambda leaves them out; `silent` hides the functions' output altogether.
   */
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** How the functions' output is shown (`text`, default) or passed through raw (`json`). */
  logFormat?: LogFormat;
  /** Where the functions' output goes. Default: this process's stdout. */
  logSink?: LogSink;
  /**
   * Hot reload: rebuild the items bundle as its sources change, and after any change to a
   * function's code directory start new environments with the new code.
   */
  watch?: boolean;
  /** Idle execution environments are retired after this long. Default 10 minutes. */
  idleMs?: number;
  /**
   * Environments per function at most (default: two per CPU, at least 4); requests beyond wait
   * for a free one. The template's ReservedConcurrentExecutions, when lower, throttles.
   */
  maxEnvironments?: number;
};

export type LocalApi = {
  url: string;
  docsUrl: string;
  /** The web app's origin, when `web` was asked for. */
  webUrl?: string;
  /** The DynamoDB the functions use; empty when the template has no table. */
  dynamodbEndpoint: string;
  /** The local name of the template's table when it has exactly one, else empty. */
  tableName: string;
  /** Local table names by logical id. */
  tables: Readonly<Record<string, string>>;
  stackName: string;
  gateway: GatewayConfig;
  issuer: DevIssuer;
  issueToken(
    claims: { sub: string } & Record<string, unknown>,
    options?: SignOptions,
  ): Promise<string>;
  /** Execution environments per function (by logical id). */
  environments(): Record<string, PoolStats>;
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

type StackSource = {
  template: Record<string, unknown>;
  stackName: string;
  assemblyDir?: string;
  region?: string;
  bundles?: ItemsBundles;
};

/** The stack to serve: the assembly's, or the items stack built from its bundles. */
async function loadStack(
  options: LocalApiOptions,
  onReload: { rebuilt(): void; error(message: string): void },
): Promise<StackSource> {
  if (options.assembly !== undefined) {
    const stack = readAssemblyStack(options.assembly, options.stack);
    return {
      template: stack.template,
      stackName: stack.stackName,
      assemblyDir: stack.assemblyDir,
      ...(stack.region ? { region: stack.region } : {}),
    };
  }
  const bundles = await buildItemsBundles({
    ...(options.watch ? { watch: { onRebuilt: onReload.rebuilt, onError: onReload.error } } : {}),
  });
  try {
    const stack: ItemsStack = cachedItemsStack({
      stage: options.stage ?? 'dev',
      ...(options.overrides ? { overrides: options.overrides } : {}),
    });
    if (!options.template) return { ...stack, bundles };
    const template = hasInlineFunctions(options.template)
      ? withStackCode(options.template, stack.template)
      : options.template;
    return { template, stackName: stack.stackName, bundles };
  } catch (error) {
    await bundles.dispose();
    throw error;
  }
}

/** Lambda's names for the levels (LoggingConfig ApplicationLogLevel); `silent` keeps only FATAL. */
const lambdaLogLevel = (level: NonNullable<LocalApiOptions['logLevel']>) =>
  level === 'silent' ? 'FATAL' : level.toUpperCase();

function functionEnvironmentOverrides(options: LocalApiOptions): Record<string, string> {
  if (!options.logLevel) return {};
  return { LOG_LEVEL: options.logLevel, POWERTOOLS_LOG_LEVEL: options.logLevel.toUpperCase() };
}

/**
 * An API on this machine as the cloud runs it: the template's HTTP API (see gateway-server.ts)
 * in front of the template's functions, each in execution environments of its own running the
 * code `cdk deploy` would upload, on DynamoDB Local when the template has tables. By default
 * the items stack of a stage, built from its bundles; `assembly` serves any synthesized CDK app.
 */
export async function startLocalApi(options: LocalApiOptions = {}): Promise<LocalApi> {
  const dataDir = options.dataDir ?? '.local-data';
  const sink: LogSink =
    options.logLevel === 'silent'
      ? () => undefined
      : (options.logSink ?? ((line) => process.stdout.write(`${line}\n`)));
  const late: { runtime?: FunctionRuntime } = {};
  const cleanUp: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const step of cleanUp.splice(0).reverse()) await step();
  };
  const endpoint = options.dynamodbEndpoint ?? process.env.DYNAMODB_ENDPOINT;
  // The items stack has a table: DynamoDB Local starts while the bundles build and the stack
  // synthesizes (the slowest steps), and stops again if the template turns out to have none.
  const dynamo =
    options.assembly === undefined && !endpoint
      ? startLocalDynamoDb({ inMemory: options.inMemory, dataDir })
      : undefined;
  if (dynamo) {
    dynamo.catch(() => undefined);
    cleanUp.push(() =>
      dynamo.then(
        (d) => d.stop(),
        () => undefined,
      ),
    );
  }
  try {
    const source = await loadStack(options, {
      rebuilt: () => {
        sink('bundle rebuilt: the next requests run the new code');
        late.runtime?.reload();
      },
      error: (message) => sink(message),
    });
    cleanUp.push(async () => source.bundles?.dispose());
    return await serve(options, source, {
      dataDir,
      sink,
      late,
      cleanUp,
      stopAll,
      dynamo,
      endpoint,
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function serve(
  options: LocalApiOptions,
  source: StackSource,
  ctx: {
    dataDir: string;
    sink: LogSink;
    late: { runtime?: FunctionRuntime };
    cleanUp: (() => Promise<void>)[];
    stopAll: () => Promise<void>;
    dynamo: Promise<DynamoDbLocal> | undefined;
    endpoint: string | undefined;
  },
): Promise<LocalApi> {
  const { dataDir } = ctx;
  const site: { web?: WebServer; config?: () => ReturnType<typeof localWebConfig> } = {};
  if (options.web) {
    const web = await startWebServer({ port: options.web.port, config: () => site.config?.() });
    site.web = web;
    ctx.cleanUp.push(() => web.stop());
  }
  const template = readGatewayConfig(source.template);
  // The site's origin is known to CloudFormation only at deploy time: locally it is the web app's.
  const gateway = site.web
    ? { ...template, cors: withWebOrigin(template.cors, site.web.url) }
    : template;
  const functions = routedFunctions(
    gateway,
    readFunctions(source.template, {
      ...(source.assemblyDir ? { assemblyDir: source.assemblyDir } : {}),
      stackName: source.stackName,
      only: new Set(template.routes.map((r) => r.functionId)),
    }),
  );
  const tables = readTables(source.template);
  let store: LocalStore | undefined;
  if (tables.length) {
    const started = await startLocalStore({
      endpoint: ctx.endpoint,
      ...(ctx.dynamo ? { dynamo: ctx.dynamo } : {}),
      inMemory: options.inMemory,
      dataDir,
      tableName: options.tableName ?? (options.assembly === undefined ? 'items-local' : undefined),
      tables,
    });
    store = started;
    ctx.cleanUp.push(() => started.stop());
  } else if (ctx.dynamo) {
    await (await ctx.dynamo).stop();
  }
  const account = { ...LOCAL_ACCOUNT, ...(source.region ? { region: source.region } : {}) };
  const overrides = functionEnvironmentOverrides(options);
  const runtime = createFunctionRuntime({
    functions: functions.map((fn) => ({
      ...fn,
      environment: { ...fn.environment, ...overrides },
      // Lambda's application log level (AWS_LAMBDA_LOG_LEVEL) wins over Powertools' variables,
      // so a local level has to replace the template's too.
      ...(options.logLevel && fn.applicationLogLevel
        ? { applicationLogLevel: lambdaLogLevel(options.logLevel) }
        : {}),
    })),
    resources: {
      tables: store?.tables ?? {},
      ...(store ? { dynamodbEndpoint: store.endpoint } : {}),
    },
    account,
    logFormat: options.logFormat ?? 'text',
    sink: ctx.sink,
    ...(options.logLevel ? { systemLogLevel: options.logLevel } : {}),
    ...(options.idleMs !== undefined ? { idleMs: options.idleMs } : {}),
    ...(options.maxEnvironments !== undefined ? { maxEnvironments: options.maxEnvironments } : {}),
    watchCode: options.watch ?? false,
  });
  ctx.late.runtime = runtime;
  ctx.cleanUp.push(() => runtime.stop());
  // The issuer's URL contains the port, known only once the server listens.
  const identity: { authorize?: JwtAuthorizer; routes?: ReturnType<typeof issuerRoutes> } = {};
  const server = createGatewayServer({
    config: gateway,
    integrations: runtime.integrations,
    onRefusedResult: (functionId, reason) =>
      runtime.notice(functionId, `result refused, answered 500: ${reason}`),
    authorize: async (header, scopes) =>
      identity.authorize
        ? identity.authorize(header, scopes)
        : { ok: false, status: 401, challenge: 'Bearer' },
    localRoutes: async (req, url) => identity.routes?.(req, url),
  });
  const url = await listen(server, options.port ?? 0);
  ctx.cleanUp.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
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
  const [onlyTable, ...otherTables] = Object.values(store?.tables ?? {});
  return {
    url,
    docsUrl: `${url}/docs`,
    ...(site.web ? { webUrl: site.web.url } : {}),
    dynamodbEndpoint: store?.endpoint ?? '',
    tableName: onlyTable !== undefined && !otherTables.length ? onlyTable : '',
    tables: store?.tables ?? {},
    stackName: source.stackName,
    gateway,
    issuer,
    issueToken: (claims, tokenOptions) => issuer.sign(claims, tokenOptions),
    environments: () => runtime.stats(),
    stop: ctx.stopAll,
  };
}
