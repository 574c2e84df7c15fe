import type { StageOverrides } from '@items-api/infra';
import { jsonResponse } from '@items-api/http-api';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLambdaAuthorizer, type LambdaAuthorizer } from '@items-api/http-api';
import type { DevIssuer, SignOptions } from '../auth/dev-issuer';
import { createJwtAuthorizer, type JwtAuthorizer } from '../auth/jwt-authorizer';
import { localIssuer } from '../auth/local-identity';
import { LOCAL_M2M_CLIENT, localClients } from '../auth/oauth-clients';
import { createOAuthProvider } from '../auth/oauth-provider';
import type { LogFormat, LogSink } from '../runtime/function-log';
import type { PoolStats } from '../runtime/function-pool';
import { LOCAL_ACCOUNT } from '../runtime/lambda-environment';
import type { GatewayConfig } from '../template/gateway-config';
import { readAssemblyStack, readAssemblyStacks } from '../template/read-assembly';
import { localAudiences, type JwtAuthorizerConfig } from '../template/read-authorizer';
import { readFunctions } from '../template/read-functions';
import { readGatewayConfig } from '../template/read-gateway-config';
import { readTables } from '../template/read-tables';
import { resolveTemplate, type LocalParameters } from '../template/resolve-template';
import { createGatewayServer } from './gateway-server';
import {
  createFunctionRuntime,
  gatewayFunctionIds,
  routedFunctions,
  type FunctionRuntime,
} from './integrations';
import { invoke } from './invoke';
import { issuerRoutes } from './issuer-routes';
import { buildItemsBundles, type ItemsBundles } from './items-bundles';
import {
  cachedItemsStack,
  hasInlineFunctions,
  withStackCode,
  type ItemsStack,
} from './items-stack';
import type { DynamoDbLocal } from '../dynamodb/dynamodb-local';
import { portInUseMessage } from '../port-in-use';
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
  /**
   * Local values of what only the cloud knows: SSM parameter names (for `{{resolve:ssm:…}}` and
   * SSM-typed parameters) and CloudFormation parameter names (`--parameters values.json`).
   */
  parameters?: LocalParameters;
  /** The clock of the Lambda authorizers' result caches (tests move it). Default `Date.now`. */
  now?: () => number;
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
  /**
   * The functions' system log level over the template's (`npm start -- --system-log-level`):
   * `info` or `debug` shows START/END/REPORT. Default: `logLevel`'s, else the template's.
   */
  systemLogLevel?: 'debug' | 'info' | 'warn';
  /** How the functions' output is shown (`text`, default) or passed through raw (`json`). */
  logFormat?: LogFormat;
  /** Where the functions' output goes. Default: this process's stdout. */
  logSink?: LogSink;
  /**
   * Hot reload: rebuild the items bundle as its sources change, and after any change to a
   * function's code directory start new environments with the new code.
   */
  watch?: boolean;
  /** Origins added to the template's CORS allow-list (`npm start -- --cors-origin`). */
  corsOrigins?: readonly string[];
  /**
   * Told as each start-up phase ends (`build`, `synthesis`, `assembly`, `DynamoDB Local`,
   * `environments`) with its time in milliseconds; phases may overlap.
   */
  onPhase?: (phase: StartPhase, ms: number) => void;
  /** Idle execution environments are retired after this long. Default 10 minutes. */
  idleMs?: number;
  /**
   * Environments per function at most (default: two per CPU, at least 4); requests beyond wait
   * for a free one. The template's ReservedConcurrentExecutions, when lower, throttles.
   */
  maxEnvironments?: number;
  /** Open the functions' inspectors, from this port on (see `createFunctionRuntime`). */
  inspectPort?: number;
};

export type StartPhase = 'build' | 'synthesis' | 'assembly' | 'DynamoDB Local' | 'environments';

/** `work`, reporting its time as `phase` once it has succeeded. */
async function timed<T>(
  options: LocalApiOptions,
  phase: StartPhase,
  work: () => T | Promise<T>,
): Promise<T> {
  const started = performance.now();
  const result = await work();
  options.onPhase?.(phase, Math.round(performance.now() - started));
  return result;
}

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
  /**
   * A token of the local issuer. Unless told otherwise it carries the scopes the template's
   * routes require, and is for the first JWT authorizer; `authorizer` (a logical id) makes it one
   * that authorizer accepts (its issuer's stand-in, its first audience).
   */
  issueToken(
    claims: { sub: string } & Record<string, unknown>,
    options?: SignOptions & { authorizer?: string },
  ): Promise<string>;
  /** Execution environments per function (by logical id). */
  environments(): Record<string, PoolStats>;
  stop(): Promise<void>;
};

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(error.code === 'EADDRINUSE' ? portInUseMessage(port, 'the API') : error.message),
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
    const assembly = options.assembly;
    const { stack, others } = await timed(options, 'assembly', () => {
      const stack = readAssemblyStack(assembly, options.stack);
      return { stack, others: readAssemblyStacks(assembly).filter((s) => s.id !== stack.id) };
    });
    return {
      template: resolveTemplate(stack.template, {
        ...(options.parameters ? { parameters: options.parameters } : {}),
        stacks: others,
      }),
      stackName: stack.stackName,
      assemblyDir: stack.assemblyDir,
      ...(stack.region ? { region: stack.region } : {}),
    };
  }
  const bundles = await timed(options, 'build', () =>
    buildItemsBundles({
      ...(options.watch ? { watch: { onRebuilt: onReload.rebuilt, onError: onReload.error } } : {}),
    }),
  );
  try {
    const stack: ItemsStack = await timed(options, 'synthesis', () =>
      cachedItemsStack({
        stage: options.stage ?? 'dev',
        ...(options.overrides ? { overrides: options.overrides } : {}),
      }),
    );
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
      ? timed(options, 'DynamoDB Local', () =>
          startLocalDynamoDb({ inMemory: options.inMemory, dataDir }),
        )
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
  const template = readGatewayConfig(source.template, {
    ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
  });
  // The site's origin is known to CloudFormation only at deploy time: locally it is the web app's.
  const gateway = site.web
    ? { ...template, cors: withWebOrigin(template.cors, site.web.url) }
    : template;
  const functions = routedFunctions(
    gateway,
    readFunctions(source.template, {
      ...(source.assemblyDir ? { assemblyDir: source.assemblyDir } : {}),
      stackName: source.stackName,
      only: new Set(gatewayFunctionIds(template)),
    }),
  );
  const tables = readTables(source.template);
  let store: LocalStore | undefined;
  if (tables.length) {
    const startStore = () =>
      startLocalStore({
        endpoint: ctx.endpoint,
        ...(ctx.dynamo ? { dynamo: ctx.dynamo } : {}),
        inMemory: options.inMemory,
        dataDir,
        tableName:
          options.tableName ?? (options.assembly === undefined ? 'items-local' : undefined),
        tables,
      });
    // Unless it started with the build (and reports its own time), DynamoDB Local starts here.
    const started =
      ctx.dynamo || ctx.endpoint
        ? await startStore()
        : await timed(options, 'DynamoDB Local', startStore);
    store = started;
    ctx.cleanUp.push(() => started.stop());
  } else if (ctx.dynamo) {
    await (await ctx.dynamo).stop();
  }
  const account = { ...LOCAL_ACCOUNT, ...(source.region ? { region: source.region } : {}) };
  const overrides = functionEnvironmentOverrides(options);
  const runtime = await timed(options, 'environments', () =>
    createFunctionRuntime({
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
      ...(options.systemLogLevel || options.logLevel
        ? { systemLogLevel: options.systemLogLevel ?? options.logLevel }
        : {}),
      ...(options.idleMs !== undefined ? { idleMs: options.idleMs } : {}),
      ...(options.maxEnvironments !== undefined
        ? { maxEnvironments: options.maxEnvironments }
        : {}),
      watchCode: options.watch ?? false,
      ...(options.inspectPort !== undefined ? { inspectPort: options.inspectPort } : {}),
    }),
  );
  ctx.late.runtime = runtime;
  ctx.cleanUp.push(() => runtime.stop());
  // The issuer's URL contains the port, known only once the server listens.
  const identity: {
    authorizers?: Record<string, JwtAuthorizer>;
    routes?: ReturnType<typeof issuerRoutes>;
  } = {};
  const server = createGatewayServer({
    config: gateway,
    integrations: runtime.integrations,
    onRefusedResult: (functionId, reason) =>
      runtime.notice(functionId, `result refused, answered 500: ${reason}`),
    authorize: async (header, scopes, authorizerId) => {
      const authorize = authorizerId && identity.authorizers?.[authorizerId];
      return authorize
        ? authorize(header, scopes)
        : { ok: false, status: 401, challenge: 'Bearer' };
    },
    lambdaAuthorizers: lambdaAuthorizers(gateway, runtime, options.now),
    region: account.region,
    localRoutes: async (req, url) => identity.routes?.(req, url),
  });
  const url = await listen(server, options.port ?? 0);
  ctx.cleanUp.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const issuer = await localIssuer(url, gateway, options.inMemory ? undefined : dataDir);
  const issuers = standInIssuers(url, gateway, issuer);
  const scopes = requiredScopes(gateway);
  const provider = createOAuthProvider({
    issuer,
    clients: localClients(issuer.audience, site.web ? [`${site.web.url}/`] : []),
  });
  const issuerEndpoints = issuerRoutes(provider, scopes);
  identity.routes = async (req, url) =>
    (await issuerEndpoints(req, url)) ?? standInDiscovery(url, issuers, issuer);
  identity.authorizers = jwtAuthorizers(gateway, issuers, issuer);
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
    issueToken: (claims, { authorizer, ...tokenOptions } = {}) => {
      const jwt = authorizer === undefined ? undefined : gateway.authorizers[authorizer];
      if (authorizer !== undefined && jwt?.type !== 'jwt') {
        throw new Error(`${authorizer} is not a JWT authorizer of the served API`);
      }
      const forAuthorizer =
        authorizer !== undefined && jwt?.type === 'jwt'
          ? { issuer: issuers.get(authorizer), audience: jwt.audience[0] ?? issuer.audience }
          : {};
      return issuer.sign(claims, { scope: scopes, ...forAuthorizer, ...tokenOptions });
    },
    environments: () => runtime.stats(),
    stop: ctx.stopAll,
  };
}

/** Every scope the template's JWT routes require: what a local token carries by default. */
export const requiredScopes = (gateway: GatewayConfig): string[] => [
  ...new Set(gateway.routes.flatMap((route) => (route.auth === 'jwt' ? (route.scopes ?? []) : []))),
];

const STAND_IN_ISSUERS = '/_local/issuers';

/**
 * The local issuer URL each JWT authorizer trusts, by logical id. The local issuer stands in for
 * the first issuer the template names (or resolves at deploy time); each other issuer gets a
 * stand-in URL of its own on this server, signed with the same key, so a token of one issuer is
 * refused by an authorizer of another, as on AWS.
 */
function standInIssuers(baseUrl: string, gateway: GatewayConfig, issuer: DevIssuer) {
  const byTemplateIssuer = new Map<string, string>();
  const byAuthorizer = new Map<string, string>();
  for (const [id, authorizer] of Object.entries(gateway.authorizers)) {
    if (authorizer.type !== 'jwt') continue;
    const key = authorizer.issuer ?? '(resolved at deploy time)';
    const local =
      byTemplateIssuer.get(key) ??
      (byTemplateIssuer.size ? `${baseUrl}${STAND_IN_ISSUERS}/${id}` : issuer.issuer);
    byTemplateIssuer.set(key, local);
    byAuthorizer.set(id, local);
  }
  return byAuthorizer;
}

/** OpenID discovery and JWKS of the stand-in issuers (the local issuer's key). */
function standInDiscovery(url: URL, issuers: Map<string, string>, issuer: DevIssuer) {
  const match = new RegExp(
    `^${STAND_IN_ISSUERS}/([^/]+)/(\\.well-known/openid-configuration|jwks)$`,
  ).exec(url.pathname);
  const [, id = '', document] = match ?? [];
  const standIn = issuers.get(id);
  if (!standIn?.endsWith(`${STAND_IN_ISSUERS}/${id}`)) return undefined;
  const body = document === 'jwks' ? issuer.jwks : { issuer: standIn, jwks_uri: `${standIn}/jwks` };
  return jsonResponse(200, JSON.stringify(body));
}

/**
 * One JWT authorizer per template authorizer: its issuer's local stand-in, its audiences (the
 * local app clients standing in for those resolved at deploy time).
 */
function jwtAuthorizers(
  gateway: GatewayConfig,
  issuers: Map<string, string>,
  issuer: DevIssuer,
): Record<string, JwtAuthorizer> {
  return Object.fromEntries(
    Object.entries(gateway.authorizers)
      .filter((entry): entry is [string, JwtAuthorizerConfig] => entry[1].type === 'jwt')
      .map(([id, authorizer]) => [
        id,
        createJwtAuthorizer({
          issuer: issuers.get(id) ?? issuer.issuer,
          audience: [
            ...localAudiences(authorizer, issuer.audience),
            ...(authorizer.hasDeployTimeAudience ? [LOCAL_M2M_CLIENT.id] : []),
          ],
        }),
      ]),
  );
}

/**
 * AWS gives a Lambda authorizer 10 seconds ("Amazon API Gateway quotas", HTTP API: authorizer
 * function response time); a later answer is a failed authorization (500).
 */
const AUTHORIZER_TIMEOUT_MS = 10_000;

function lambdaAuthorizers(
  gateway: GatewayConfig,
  runtime: FunctionRuntime,
  now: (() => number) | undefined,
): Record<string, LambdaAuthorizer> {
  const entries = Object.entries(gateway.authorizers).flatMap(([id, authorizer]) => {
    if (authorizer.type !== 'lambda') return [];
    const integration = runtime.integrations[authorizer.functionId];
    if (!integration) return [];
    const authorize = createLambdaAuthorizer(
      authorizer,
      async (event) => {
        const outcome = await invoke(integration, event as never, {
          integrationTimeoutMs: AUTHORIZER_TIMEOUT_MS,
        });
        return outcome.ok ? { ok: true, result: outcome.result } : { ok: false };
      },
      now,
    );
    return [[id, authorize] as const];
  });
  return Object.fromEntries(entries);
}
