import { randomHex } from '../random-ids';
import type { LambdaFunction } from '../template/read-functions';

/** Account, region and names the local functions run under. */
export type LocalAccount = { region: string; accountId: string };

export const LOCAL_ACCOUNT: LocalAccount = { region: 'us-east-1', accountId: '000000000000' };

/** `arn:aws:lambda:<region>:<account>:function:<name>`, as `context.invokedFunctionArn` gives it. */
export const functionArn = (fn: Pick<LambdaFunction, 'functionName'>, account: LocalAccount) =>
  `arn:aws:lambda:${account.region}:${account.accountId}:function:${fn.functionName}`;

export const logGroupName = (fn: Pick<LambdaFunction, 'functionName'>) =>
  `/aws/lambda/${fn.functionName}`;

/** Lambda's log stream name: `YYYY/MM/DD/[$LATEST]<32 hex>`, one per execution environment. */
export function logStreamName(now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[$LATEST]${randomHex(16)}`;
}

/**
 * An X-Ray trace header as Lambda hands it to the function in `_X_AMZN_TRACE_ID`
 * (`Root=1-<8 hex epoch seconds>-<24 hex>;Parent=<16 hex>;Sampled=<0|1>`, X-Ray developer guide,
 * "Tracing header"). A caller's header (API Gateway passes its `x-amzn-trace-id` on) keeps its
 * root and sampling decision; the parent is always Lambda's own segment.
 */
export function traceHeader(sampled: boolean, upstream?: string, now = Date.now()): string {
  const fields = new Map(
    (upstream ?? '').split(';').map((field) => field.trim().split('=', 2) as [string, string]),
  );
  const epoch = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0');
  const upstreamRoot = fields.get('Root');
  const root =
    upstreamRoot && /^1-[0-9a-f]{8}-[0-9a-f]{24}$/.test(upstreamRoot)
      ? upstreamRoot
      : `1-${epoch}-${randomHex(12)}`;
  const upstreamSampled = fields.get('Sampled');
  const decision =
    upstreamSampled === '0' || upstreamSampled === '1' ? upstreamSampled : sampled ? '1' : '0';
  return `Root=${root};Parent=${randomHex(8)};Sampled=${decision}`;
}

/** The major Node.js version a `nodejsNN.x` runtime runs, or undefined for another runtime. */
export const nodeMajorOf = (runtime: string): number | undefined => {
  const match = /^nodejs(\d+)\.x$/.exec(runtime);
  return match ? Number(match[1]) : undefined;
};

/**
 * The environment of one execution environment, as Lambda sets it ("Defined runtime environment
 * variables", Lambda developer guide): the function's own variables, then the reserved ones,
 * which the function cannot override. Nothing is inherited from the shell that started the
 * local server (its AWS credentials least of all) except PATH.
 */
export function lambdaEnvironment(
  fn: LambdaFunction,
  options: {
    account: LocalAccount;
    taskRoot: string;
    logStream: string;
    /** The function's variables with deploy-time values resolved locally (table names, …). */
    variables: Record<string, string>;
  },
): Record<string, string> {
  const { account } = options;
  return {
    ...options.variables,
    ...(fn.logFormat === 'JSON' ? { AWS_LAMBDA_LOG_FORMAT: 'JSON' } : {}),
    ...(fn.logFormat === 'JSON' && fn.applicationLogLevel
      ? { AWS_LAMBDA_LOG_LEVEL: fn.applicationLogLevel }
      : {}),
    _HANDLER: fn.handler,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: logGroupName(fn),
    AWS_LAMBDA_LOG_STREAM_NAME: options.logStream,
    AWS_REGION: account.region,
    AWS_DEFAULT_REGION: account.region,
    // Placeholder credentials: DynamoDB Local accepts any; real AWS refuses them.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SESSION_TOKEN: 'local',
    LAMBDA_TASK_ROOT: options.taskRoot,
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    ...(fn.tracing === 'Active'
      ? { AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR', AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000' }
      : {}),
  };
}
