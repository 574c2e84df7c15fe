// The runtime inside one execution environment: a Node process of its own, started by
// execution-environment.ts with the environment Lambda sets. Like Lambda's Node.js runtime
// (aws/aws-lambda-nodejs-runtime-interface-client, src/UserFunction.js and src/LogPatch.js) it
// loads the handler once (init), then runs one invocation at a time. The event arrives over the
// IPC channel; the result follows the invocation's output on stdout, in the line that ends it.
// Plain CommonJS so it starts on bare Node, without a compiler.
'use strict';

const { existsSync, readFileSync, writeSync } = require('node:fs');
const { dirname, resolve } = require('node:path');
const { pathToFileURL } = require('node:url');
const { format } = require('node:util');

/**
 * Starts the line written to stdout after each phase's output, followed by the phase's message
 * (ready, init-error, result, error): on the same stream, so the parent has all the output when
 * it reads the message.
 */
const END_OF_OUTPUT = '\u0000end-of-invocation\u0000';

// CPU time from here on (Node's own boot excluded), reported with every message.
const cpuAtStart = process.cpuUsage();
const cpuMs = () => {
  const { user, system } = process.cpuUsage(cpuAtStart);
  return (user + system) / 1000;
};

const taskRoot = process.env.LAMBDA_TASK_ROOT;
const handlerString = process.env._HANDLER;
const logFormat = process.env.AWS_LAMBDA_LOG_FORMAT === 'JSON' ? 'JSON' : 'Text';
const levels = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
const minLevel = Math.max(
  0,
  levels.indexOf((process.env.AWS_LAMBDA_LOG_LEVEL || '').toUpperCase()),
);
let currentRequestId = undefined;

// Lambda keeps one log stream for both: stderr goes where stdout goes.
const writeStdout = process.stdout.write.bind(process.stdout);
process.stderr.write = writeStdout;

/**
 * The runtime's own writes (console records, the end of each phase): through stdout, or straight
 * to its file descriptor once a function has ended the stream. Lambda's runtime writes console
 * records to a descriptor of its own and returns results over its API, so a function ending
 * `process.stdout` loses neither there.
 */
const stdoutEnded = () => process.stdout.writableEnded || process.stdout.destroyed;
const writeOutput = (text) => (stdoutEnded() ? writeSync(1, text) : writeStdout(text));

/** console.* as Lambda patches it: one record per call, tab-separated text or a JSON object. */
function patchConsole() {
  const write =
    (level) =>
    (message, ...params) => {
      if (logFormat === 'JSON' && levels.indexOf(level) < minLevel) return;
      const timestamp = new Date().toISOString();
      const text = format(message, ...params);
      if (logFormat === 'JSON') {
        const record = { timestamp, level, requestId: currentRequestId, message: text };
        writeOutput(`${JSON.stringify(record)}\n`);
      } else {
        // Newlines become \r so that a multi-line message stays one record, as Lambda writes it.
        const line = [timestamp, currentRequestId ?? 'undefined', level, text].join('\t');
        writeOutput(`${line.replace(/\n/g, '\r')}\n`);
      }
    };
  console.trace = write('TRACE');
  console.debug = write('DEBUG');
  console.info = write('INFO');
  console.log = write('INFO');
  console.warn = write('WARN');
  console.error = write('ERROR');
  console.fatal = write('FATAL');
}

class RuntimeError extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

const errorRecord = (error) => {
  const value = error instanceof Error ? error : new Error(String(error));
  return {
    errorType: value.name || 'Error',
    errorMessage: value.message,
    stack: String(value.stack ?? '').split('\n'),
  };
};

function hasTypeModule(file) {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = resolve(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return JSON.parse(readFileSync(manifest, 'utf8')).type === 'module';
      } catch {
        return false;
      }
    }
    // Only the function's own files count: nothing above the task root is deployed.
    if (dir === taskRoot || dir === dirname(dir)) return false;
  }
}

/** The module a handler string names, resolved in the order Lambda's Node.js runtime uses. */
async function loadModule(base) {
  const attempts = [];
  if (existsSync(base)) return require(base);
  const typeModule = hasTypeModule(`${base}.js`);
  for (const [extension, load] of [
    ['.js', typeModule ? 'import' : 'require'],
    ['.mjs', 'import'],
    ['.cjs', 'require'],
  ]) {
    const file = `${base}${extension}`;
    attempts.push(file);
    if (!existsSync(file)) continue;
    return load === 'import' ? import(pathToFileURL(file).href) : require(file);
  }
  throw new RuntimeError(
    'Runtime.ImportModuleError',
    `Error: Cannot find module '${base.slice(taskRoot.length + 1)}' (tried ${attempts.map((f) => f.slice(taskRoot.length + 1)).join(', ')})`,
  );
}

async function loadHandler() {
  const match = /^([^.]*)\.(.*)$/.exec(handlerString ?? '');
  if (!match) {
    throw new RuntimeError('Runtime.MalformedHandlerName', `Bad handler ${handlerString}`);
  }
  const [, modulePath, exportPath] = match;
  let loaded;
  try {
    loaded = await loadModule(resolve(taskRoot, modulePath));
  } catch (error) {
    if (error instanceof RuntimeError) throw error;
    if (error instanceof SyntaxError) {
      throw new RuntimeError('Runtime.UserCodeSyntaxError', String(error));
    }
    throw error;
  }
  const handler = exportPath.split('.').reduce((value, key) => value?.[key], loaded);
  if (typeof handler !== 'function') {
    throw new RuntimeError(
      'Runtime.HandlerNotFound',
      `${handlerString} is undefined or not exported`,
    );
  }
  return handler;
}

function contextFor(message) {
  const { context, deadlineMs } = message;
  // nodejs24.x has no callback-style handlers, so no done/succeed/fail either.
  return {
    ...context,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
  };
}

const usedMemoryMb = () => Math.ceil(process.resourceUsage().maxRSS / 1024);

function finish(phase) {
  currentRequestId = undefined;
  writeOutput(`${END_OF_OUTPUT}${JSON.stringify({ ...phase, cpuMs: cpuMs() })}\n`);
}

async function main() {
  patchConsole();
  process.chdir(taskRoot);
  let handler;
  try {
    handler = await loadHandler();
  } catch (error) {
    const record = errorRecord(error);
    console.error(`${record.errorType}: ${record.errorMessage}`);
    finish({ type: 'init-error', error: record, usedMemoryMb: usedMemoryMb() });
    return;
  }
  // A rejection or exception nobody handles ends the environment, as it does in Lambda.
  const crash = (errorType) => (reason) => {
    const record = { ...errorRecord(reason), errorType };
    console.error(`${errorType} ${JSON.stringify(record)}`);
    if (stdoutEnded()) process.exit(128);
    process.stdout.write('', () => process.exit(128));
  };
  process.on('unhandledRejection', crash('Runtime.UnhandledPromiseRejection'));
  process.on('uncaughtException', crash('Runtime.UncaughtException'));
  process.on('message', async (message) => {
    if (message.type !== 'invoke') return;
    currentRequestId = message.context.awsRequestId;
    process.env._X_AMZN_TRACE_ID = message.traceId;
    try {
      const result = await handler(message.event, contextFor(message));
      // What Lambda returns is the JSON of the result: undefined becomes null.
      const json = JSON.stringify(result === undefined ? null : result);
      finish({ type: 'result', id: message.id, json, usedMemoryMb: usedMemoryMb() });
    } catch (error) {
      const record = errorRecord(error);
      console.error(`Invoke Error \t${JSON.stringify(record)}`);
      finish({ type: 'error', id: message.id, error: record, usedMemoryMb: usedMemoryMb() });
    } finally {
      delete process.env._X_AMZN_TRACE_ID;
    }
  });
  finish({ type: 'ready', usedMemoryMb: usedMemoryMb() });
}

main();
