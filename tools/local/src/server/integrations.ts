import { mkdtempSync, rmSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FunctionPool, newRequestId, type PoolStats } from '../runtime/function-pool';
import {
  createFunctionLog,
  type FunctionLog,
  type LogFormat,
  type LogSink,
} from '../runtime/function-log';
import { nodeMajorOf, type LocalAccount } from '../runtime/lambda-environment';
import { nodePath, runtimeModules } from '../runtime/module-paths';
import { TemplateReadError } from '../template/cfn-template';
import type { GatewayConfig } from '../template/gateway-config';
import type { LambdaFunction } from '../template/read-functions';
import type { Integration } from './invoke';

/** What the local machine stands in for, when resolving the functions' deploy-time variables. */
export type LocalResources = {
  /** Local table names by the table's logical id. */
  tables: Readonly<Record<string, string>>;
  dynamodbEndpoint?: string;
};

export type FunctionRuntime = {
  integrations: Record<string, Integration>;
  pools: Record<string, FunctionPool>;
  /** Writes a line about a function to its log (what the gateway did with its result). */
  notice(logicalId: string, text: string): void;
  /** Every later invocation of these functions (all when omitted) starts from their current code. */
  reload(logicalIds?: string[]): void;
  stats(): Record<string, PoolStats>;
  stop(): Promise<void>;
};

/**
 * The function's variables for this machine: plain values as the template has them; a `Ref`
 * or `Fn::GetAtt …Arn` to one of the template's tables becomes the local table's name or ARN;
 * functions that use DynamoDB are pointed at the local endpoint. Anything else CloudFormation
 * would resolve at deploy time is left unset and named in `unresolved`.
 */
export function localVariables(
  fn: LambdaFunction,
  resources: LocalResources,
  account: LocalAccount,
): { variables: Record<string, string>; unresolved: string[] } {
  const variables: Record<string, string> = { ...fn.environment };
  const unresolved: string[] = [];
  for (const [name, { ref, attribute }] of Object.entries(fn.deployTimeEnvironment)) {
    const table = ref ? resources.tables[ref] : undefined;
    if (table && attribute === undefined) variables[name] = table;
    else if (table && attribute === 'Arn')
      variables[name] = `arn:aws:dynamodb:${account.region}:${account.accountId}:table/${table}`;
    else unresolved.push(name);
  }
  if (resources.dynamodbEndpoint) {
    // The SDK's own per-service endpoint variable, and the one the items handler reads.
    variables['AWS_ENDPOINT_URL_DYNAMODB'] = resources.dynamodbEndpoint;
    variables['DYNAMODB_ENDPOINT'] = resources.dynamodbEndpoint;
  }
  return { variables, unresolved };
}

/** Logical ids of the functions the gateway calls: the routes' and the Lambda authorizers'. */
export const gatewayFunctionIds = (gateway: GatewayConfig): string[] => [
  ...new Set([
    ...gateway.routes.map((r) => r.functionId),
    ...Object.values(gateway.authorizers).flatMap((a) =>
      a.type === 'lambda' ? [a.functionId] : [],
    ),
  ]),
];

/** The functions the gateway reaches, refusing what cannot run here (another runtime, no code). */
export function routedFunctions(
  gateway: GatewayConfig,
  functions: Readonly<Record<string, LambdaFunction>>,
): LambdaFunction[] {
  const ids = gatewayFunctionIds(gateway);
  return ids.map((id) => {
    const fn = functions[id];
    if (!fn) throw new TemplateReadError(`routes reach ${id}, which is not a Lambda function`);
    if (nodeMajorOf(fn.runtime) === undefined) {
      throw new TemplateReadError(
        `function ${id} runs ${fn.runtime || 'no runtime'}: only Node.js runtimes (nodejsNN.x) run locally`,
      );
    }
    return fn;
  });
}

/** Lambda writes a `ZipFile` function's source to `index.js` in an otherwise empty task root. */
function inlineTaskRoot(fn: LambdaFunction & { code: { kind: 'inline' } }) {
  const dir = mkdtempSync(join(tmpdir(), `local-lambda-${fn.logicalId}-`));
  writeFileSync(join(dir, 'index.js'), fn.code.source);
  return dir;
}

/** Calls `onChange` once a burst of changes under `dir` (a bundle being written) has settled. */
function watchCode(dir: string, onChange: () => void): FSWatcher {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dir, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, 50);
  });
  watcher.on('error', () => undefined);
  return watcher;
}

/**
 * A pool of execution environments per routed function and the gateway integration that
 * invokes it. Each function's log goes to `sink`, framed and prefixed (see function-log.ts).
 */
export function createFunctionRuntime(options: {
  functions: LambdaFunction[];
  resources: LocalResources;
  account: LocalAccount;
  logFormat: LogFormat;
  sink: LogSink;
  /** A system log level for every function, over the template's (`SystemLogLevel`). */
  systemLogLevel?: string;
  idleMs?: number;
  /** Per function; see `defaultMaxEnvironments`. */
  maxEnvironments?: number;
  /** Watch each function's code directory: after a change, invocations start from the new code. */
  watchCode?: boolean;
  /**
   * Debugging: the functions' environments open the inspector, the first function's on this
   * port, the next one's on the next port, and so on (0: each on any free port).
   */
  inspectPort?: number;
}): FunctionRuntime {
  const temporary: string[] = [];
  const watchers: FSWatcher[] = [];
  const provided = runtimeModules();
  const localMajor = Number(process.versions.node.split('.')[0]);
  const pools: Record<string, FunctionPool> = {};
  const logs: Record<string, FunctionLog> = {};
  for (const [index, fn] of options.functions.entries()) {
    const systemLevel = (options.systemLogLevel ?? fn.systemLogLevel ?? 'INFO').toUpperCase();
    const log = createFunctionLog({
      label: fn.logicalId,
      format: options.logFormat,
      sink: options.sink,
      platformRecords: systemLevel === 'DEBUG' || systemLevel === 'INFO',
    });
    logs[fn.logicalId] = log;
    const major = nodeMajorOf(fn.runtime);
    if (major !== localMajor) {
      log.notice(
        `runs ${fn.runtime}, but this machine's Node.js is ${process.versions.node}: behaviour may differ`,
      );
    }
    const local = localVariables(fn, options.resources, options.account);
    if (local.unresolved.length) {
      log.notice(`not set locally (resolved at deploy time): ${local.unresolved.join(', ')}`);
    }
    const variables = {
      NODE_PATH: nodePath(fn, provided.dir),
      // Where `/opt` would be: Lambda mounts the layers there, here they stay in the assembly.
      ...(fn.layers.length ? { LOCAL_OPT_DIRS: [...fn.layers].reverse().join(':') } : {}),
      ...local.variables,
    };
    const taskRoot =
      fn.code.kind === 'directory'
        ? fn.code.path
        : inlineTaskRoot(fn as typeof fn & { code: { kind: 'inline' } });
    if (fn.code.kind === 'inline') temporary.push(taskRoot);
    const inspectPort =
      options.inspectPort === undefined || options.inspectPort === 0
        ? options.inspectPort
        : options.inspectPort + index;
    if (inspectPort !== undefined) {
      log.notice(
        `debugger: attach to 127.0.0.1:${inspectPort || '<the port in its first line of output>'} (one environment at a time, no timeouts)`,
      );
    }
    const pool = new FunctionPool({
      fn,
      taskRoot,
      variables,
      account: options.account,
      log,
      ...(options.idleMs !== undefined ? { idleMs: options.idleMs } : {}),
      ...(options.maxEnvironments !== undefined
        ? { maxEnvironments: options.maxEnvironments }
        : {}),
      ...(inspectPort !== undefined ? { inspectPort } : {}),
    });
    pools[fn.logicalId] = pool;
    if (options.watchCode && fn.code.kind === 'directory') {
      watchers.push(
        watchCode(taskRoot, () => {
          pool.reload();
          log.notice('code changed: the next invocations start new environments with it');
        }),
      );
    }
  }
  const integrations = Object.fromEntries(
    Object.entries(pools).map(([id, pool]): [string, Integration] => [
      id,
      (event) =>
        pool.invoke(event, {
          requestId: newRequestId(),
          // API Gateway passes the caller's trace header on to Lambda when there is one.
          traceId: event.headers?.['x-amzn-trace-id'],
        }),
    ]),
  );
  return {
    integrations,
    pools,
    notice: (id, text) => logs[id]?.notice(text),
    reload: (ids) => {
      for (const [id, pool] of Object.entries(pools)) if (!ids || ids.includes(id)) pool.reload();
    },
    stats: () => Object.fromEntries(Object.entries(pools).map(([id, pool]) => [id, pool.stats()])),
    stop: async () => {
      for (const watcher of watchers) watcher.close();
      await Promise.all(Object.values(pools).map((pool) => pool.dispose()));
      for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
      provided.dispose();
    },
  };
}
