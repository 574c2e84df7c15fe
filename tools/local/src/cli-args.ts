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
  /** Over the template's SystemLogLevel: `info` or `debug` shows START/END/REPORT. */
  systemLogLevel?: SystemLogLevel;
  /** `--parameters values.json`: SSM and CloudFormation parameter names to local values. */
  parameters?: Record<string, string>;
  /** `--cors-origin`, repeatable: origins added to the served API's CORS allow-list. */
  corsOrigins?: string[];
  /** `--inspect`: a debugger can attach to the functions (see README, Debugging). */
  inspect: boolean;
};

/** `--help` or `-h`: the usage text to print (exit 0) instead of running. */
export type HelpArgs = { help: string };

type OptionSpec = {
  type: 'string' | 'boolean';
  default?: string | boolean;
  multiple?: boolean;
  /** The value's placeholder in the usage text (string options). */
  value?: string;
  description: string;
};

const HELP_OPTION: OptionSpec = { type: 'boolean', description: 'print this text and exit' };

/** The usage text of a command, derived from the options it parses: one line per option. */
export function usageText(command: string, summary: string, specs: Record<string, OptionSpec>) {
  const flags = Object.entries({ ...specs, help: HELP_OPTION }).map(([name, spec]) => [
    `--${name}${name === 'help' ? ', -h' : ''}${spec.value ? ` ${spec.value}` : ''}`,
    spec.description,
  ]);
  const width = Math.max(...flags.map(([flag]) => flag.length));
  return [
    `Usage: ${command} [options]`,
    '',
    summary,
    '',
    'Options:',
    ...flags.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
  ].join('\n');
}

/** node:util parseArgs over `specs`, with `--help` / `-h`. */
function parseOptions(argv: string[], specs: Record<string, OptionSpec>) {
  const options = Object.fromEntries(
    Object.entries(specs).map(([name, { type, multiple, default: value }]) => [
      name,
      {
        type,
        ...(multiple ? { multiple } : {}),
        ...(value !== undefined ? { default: value } : {}),
      },
    ]),
  );
  return parseArgs({
    args: argv,
    options: { ...options, help: { type: 'boolean', short: 'h' } },
    allowNegative: true,
    strict: true,
  }).values as Record<string, string | boolean | string[] | undefined>;
}

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

/** Lambda's system log levels (LoggingConfig SystemLogLevel), in the command line's case. */
const SYSTEM_LOG_LEVELS = ['debug', 'info', 'warn'] as const;
export type SystemLogLevel = (typeof SYSTEM_LOG_LEVELS)[number];

const START_OPTIONS = {
  port: {
    type: 'string',
    value: '<n>',
    description:
      'port of the API (default: PORT or 3000; 0: any free port); the web app takes the next',
  },
  'in-memory': {
    type: 'boolean',
    default: false,
    description: 'DynamoDB Local keeps data in memory, not in .local-data',
  },
  stage: {
    type: 'string',
    default: 'dev',
    value: '<name>',
    description: 'stage of the items stack to serve (default: dev)',
  },
  assembly: {
    type: 'string',
    value: '<dir>',
    description: 'serve this synthesized CDK app (cdk.out) instead of the items stack',
  },
  stack: { type: 'string', value: '<id>', description: 'the stack of --assembly to serve' },
  parameters: {
    type: 'string',
    value: '<file.json>',
    description: 'local values of the SSM and CloudFormation parameters of --assembly',
  },
  'cors-origin': {
    type: 'string',
    multiple: true,
    value: '<origin>',
    description: 'also allow this origin (CORS), e.g. http://localhost:5173; repeatable',
  },
  'log-format': {
    type: 'string',
    default: 'text',
    value: '<text|json>',
    description: "the functions' output for people (text, default) or raw (json)",
  },
  'system-log-level': {
    type: 'string',
    value: '<debug|info|warn>',
    description:
      "over the template's SystemLogLevel (dev: INFO, prod: WARN); info shows START/END/REPORT",
  },
  watch: {
    type: 'boolean',
    default: true,
    description: 'rebuild and reload as the code changes (default; --no-watch turns it off)',
  },
  inspect: {
    type: 'boolean',
    default: false,
    description: "open the functions' inspectors on 127.0.0.1:9229, 9230, … (README: Debugging)",
  },
} satisfies Record<string, OptionSpec>;

export const startUsage = usageText(
  'npm start --',
  'The API on your machine: the gateway emulator, the functions and DynamoDB Local.',
  START_OPTIONS,
);

/** An origin as browsers send it (scheme, host, port; no path). */
function readOrigin(value: string): string {
  let origin: string | undefined;
  try {
    origin = new URL(value).origin;
  } catch {
    origin = undefined;
  }
  if (origin === undefined || origin === 'null' || origin !== value.replace(/\/$/, '')) {
    throw new Error(`--cors-origin must be an origin like http://localhost:5173, got ${value}`);
  }
  return origin;
}

/** `npm start -- [options]` (see `startUsage`); `PORT` works too. Default port 3000. */
export function parseStartArgs(
  argv: string[],
  env: Record<string, string | undefined>,
): StartArgs | HelpArgs {
  const values = parseOptions(argv, START_OPTIONS) as {
    help?: boolean;
    port?: string;
    'in-memory'?: boolean;
    stage?: string;
    assembly?: string;
    stack?: string;
    parameters?: string;
    'cors-origin'?: string[];
    'log-format'?: string;
    'system-log-level'?: string;
    watch?: boolean;
    inspect?: boolean;
  };
  if (values.help) return { help: startUsage };
  const port = Number(values.port ?? env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0–65535, got ${values.port ?? env.PORT}`);
  const logFormat = values['log-format'] as LogFormat;
  if (!LOG_FORMATS.includes(logFormat))
    throw new Error(`--log-format must be ${LOG_FORMATS.join(' or ')}, got ${logFormat}`);
  const systemLogLevel = values['system-log-level'];
  if (systemLogLevel !== undefined && !SYSTEM_LOG_LEVELS.includes(systemLogLevel as SystemLogLevel))
    throw new Error(
      `--system-log-level must be ${SYSTEM_LOG_LEVELS.join(', ')}, got ${systemLogLevel}`,
    );
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
    ...(systemLogLevel !== undefined ? { systemLogLevel: systemLogLevel as SystemLogLevel } : {}),
    inspect: values.inspect ?? false,
    ...(values.parameters !== undefined
      ? { parameters: readParametersFile(values.parameters) }
      : {}),
    ...(values['cors-origin']?.length
      ? { corsOrigins: [...new Set(values['cors-origin'].map(readOrigin))] }
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

const TOKEN_OPTIONS = {
  sub: {
    type: 'string',
    default: 'dev-user',
    value: '<subject>',
    description: 'the user the token is for (default: dev-user)',
  },
  port: {
    type: 'string',
    value: '<n>',
    description: 'port of the running npm start (default: PORT or 3000)',
  },
  'expires-in': {
    type: 'string',
    default: '1h',
    value: '<span>',
    description: 'lifetime, e.g. 15m, 12h (default: 1h)',
  },
  scope: {
    type: 'string',
    value: '"<scopes>"',
    description: "space-separated scopes (default: every scope the API's routes require)",
  },
  'token-use': {
    type: 'string',
    default: 'access',
    value: '<id|access>',
    description: 'an access token (default) or an ID token',
  },
  'client-id': {
    type: 'string',
    value: '<id>',
    description: 'the app client (client_id of an access token)',
  },
  aud: { type: 'string', value: '<audience>', description: 'the app client (aud of an ID token)' },
} satisfies Record<string, OptionSpec>;

export const tokenUsage = usageText(
  'npm run token --',
  'Prints a token signed by the local server running on --port.',
  TOKEN_OPTIONS,
);

/** `npm run token -- [options]` (see `tokenUsage`). */
export function parseTokenArgs(
  argv: string[],
  env: Record<string, string | undefined>,
): TokenArgs | HelpArgs {
  const values = parseOptions(argv, TOKEN_OPTIONS) as {
    help?: boolean;
    sub?: string;
    port?: string;
    'expires-in'?: string;
    scope?: string;
    'token-use'?: string;
    'client-id'?: string;
    aud?: string;
  };
  if (values.help) return { help: tokenUsage };
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
