import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { LogFormat } from './runtime/function-log';

export type StartArgs = {
  port: number;
  inMemory: boolean;
  stage: string;
  /** A cloud assembly to serve instead of the items stack. */
  assembly?: string;
  stack?: string;
  logFormat: LogFormat;
  watch: boolean;
  /** `--parameters values.json`: SSM and CloudFormation parameter names to local values. */
  parameters?: Record<string, string>;
  /** `--inspect`: a debugger can attach to the functions (see README, Debugging). */
  inspect: boolean;
};

/**
 * The `--parameters` file: one JSON object of string values, keyed by SSM parameter name
 * (`/shop/feature-flags`) or CloudFormation parameter name.
 */
export function readParametersFile(
  file: string,
  read: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): Record<string, string> {
  let text: string;
  try {
    text = read(file);
  } catch {
    throw new Error(`--parameters: cannot read ${file}`);
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch {
    throw new Error(`--parameters: ${file} is not JSON`);
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new Error(`--parameters: ${file} must hold one JSON object of names to values`);
  }
  const notStrings = Object.entries(values).filter(([, v]) => typeof v !== 'string');
  if (notStrings.length) {
    throw new Error(
      `--parameters: the values of ${notStrings.map(([k]) => k).join(', ')} must be strings`,
    );
  }
  return values as Record<string, string>;
}

const LOG_FORMATS: readonly LogFormat[] = ['text', 'json'];

/**
 * `npm start -- [--port 4000] [--in-memory] [--stage prod] [--assembly cdk.out [--stack Id]
 * [--parameters values.json]] [--log-format text|json] [--no-watch] [--inspect]`; `PORT` works too. Default
 * port 3000.
 */
export function parseStartArgs(argv: string[], env: Record<string, string | undefined>): StartArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'in-memory': { type: 'boolean', default: false },
      stage: { type: 'string', default: 'dev' },
      assembly: { type: 'string' },
      stack: { type: 'string' },
      parameters: { type: 'string' },
      'log-format': { type: 'string', default: 'text' },
      watch: { type: 'boolean', default: true },
      inspect: { type: 'boolean', default: false },
    },
    allowNegative: true,
    strict: true,
  });
  const port = Number(values.port ?? env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0–65535, got ${values.port ?? env.PORT}`);
  const logFormat = values['log-format'] as LogFormat;
  if (!LOG_FORMATS.includes(logFormat))
    throw new Error(`--log-format must be ${LOG_FORMATS.join(' or ')}, got ${logFormat}`);
  if (values.stack !== undefined && values.assembly === undefined)
    throw new Error('--stack chooses a stack of --assembly: give --assembly too');
  if (values.parameters !== undefined && values.assembly === undefined)
    throw new Error('--parameters gives values to the template of --assembly: give --assembly too');
  return {
    port,
    inMemory: values['in-memory'] ?? false,
    stage: values.stage ?? 'dev',
    ...(values.assembly !== undefined ? { assembly: values.assembly } : {}),
    ...(values.stack !== undefined ? { stack: values.stack } : {}),
    logFormat,
    watch: values.watch ?? true,
    inspect: values.inspect ?? false,
    ...(values.parameters !== undefined
      ? { parameters: readParametersFile(values.parameters) }
      : {}),
  };
}

export type TokenArgs = {
  sub: string;
  port: number;
  expiresIn: string;
  tokenUse: 'id' | 'access';
  /** `undefined`: every scope the API defines. */
  scope?: string[];
  /** The app client: `client_id` of an access token, `aud` of an ID token. */
  audience?: string;
};

/**
 * `npm run token -- --sub alice [--port 3000] [--scope "items/read"] [--token-use id|access]
 * [--client-id C | --aud A] [--expires-in 1h]`.
 */
export function parseTokenArgs(argv: string[], env: Record<string, string | undefined>): TokenArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      sub: { type: 'string', default: 'dev-user' },
      port: { type: 'string' },
      'expires-in': { type: 'string', default: '1h' },
      scope: { type: 'string' },
      'token-use': { type: 'string', default: 'access' },
      'client-id': { type: 'string' },
      aud: { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port ?? env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`--port must be 1–65535, got ${values.port ?? env.PORT}`);
  const tokenUse = values['token-use'];
  if (tokenUse !== 'id' && tokenUse !== 'access')
    throw new Error(`--token-use must be id or access, got ${tokenUse}`);
  if (values['client-id'] !== undefined && values.aud !== undefined)
    throw new Error('give --client-id or --aud, not both (both name the app client)');
  const audience = values['client-id'] ?? values.aud;
  return {
    sub: values.sub ?? 'dev-user',
    port,
    expiresIn: values['expires-in'] ?? '1h',
    tokenUse,
    ...(values.scope !== undefined ? { scope: values.scope.split(/\s+/).filter(Boolean) } : {}),
    ...(audience !== undefined ? { audience } : {}),
  };
}
