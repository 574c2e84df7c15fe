// The runtime inside one execution environment: a Node process of its own, started by
// execution-environment.ts with the environment Lambda sets. Like Lambda's Node.js runtime
// (aws/aws-lambda-nodejs-runtime-interface-client, src/UserFunction.js and src/LogPatch.js) it
// loads the handler once (init), then runs one invocation at a time. Events arrive and results
// leave over the IPC channel, which the runtime takes before the function loads and hides from
// it (a Lambda function has no such channel): a function can print anything, it cannot answer
// for an invocation. A marker line on stdout after each phase tells the parent that the phase's
// output is all in.
// Plain CommonJS so it starts on bare Node, without a compiler.
'use strict';

const { existsSync, readFileSync, writeSync } = require('node:fs');
const { register } = require('node:module');
const { basename, delimiter, dirname, resolve } = require('node:path');
const { pathToFileURL } = require('node:url');
const { format } = require('node:util');

/**
 * Starts the line written to stdout after each phase's output, followed by the phase's id
 * (`init` or the invocation's): the parent answers once it has both this line and the phase's
 * message on the IPC channel, so it has all the phase's output. The line carries no result.
 */
const END_OF_OUTPUT = '\u0000end-of-invocation\u0000';

const sendToParent = process.send.bind(process);
delete process.send;

/**
 * nodejs18.x to nodejs22.x take callback handlers and `context.succeed/fail/done`; nodejs24.x
 * removed them (Lambda developer guide, "Define Lambda function handler in Node.js").
 */
const runtimeMajor = Number(/nodejs(\d+)\.x/.exec(process.env.AWS_EXECUTION_ENV ?? '')?.[1] ?? 0);
const callbacksSupported = runtimeMajor > 0 && runtimeMajor < 24;

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

/**
 * `NODE_PATH` holds the layers' `nodejs/node_modules` folders and the runtime's own
 * `node_modules` (the AWS SDK): `require` reads it, `import` does not. Lambda's runtime resolves
 * ES module imports from the same folders (Lambda supports ES module dependencies in layers
 * from Node.js 18, AWS knowledge center "Cannot find module or package"): a resolve hook, Node's
 * documented `module.register`, tries them after the function's own `node_modules`.
 */
function registerModulePaths() {
  const paths = (process.env.NODE_PATH ?? '')
    .split(delimiter)
    .filter((dir) => basename(dir) === 'node_modules');
  if (!paths.length) return;
  register('./module-paths-hook.mjs', pathToFileURL(__filename), { data: { paths } });
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
  // A handler taking a third parameter waits for a callback that nodejs24.x no longer passes.
  if (!callbacksSupported && handler.length >= 3 && !isAsyncFunction(handler)) {
    throw new RuntimeError(
      'Runtime.CallbackHandlerNotSupported',
      `${handlerString} takes a callback (event, context, callback), which ${process.env.AWS_EXECUTION_ENV?.replace('AWS_Lambda_', '') ?? 'this runtime'} does not support: make it an async function`,
    );
  }
  return handler;
}

const isAsyncFunction = (fn) => fn.constructor?.name === 'AsyncFunction';

const isThenable = (value) =>
  value !== null &&
  (typeof value === 'object' || typeof value === 'function') &&
  typeof value.then === 'function';

/**
 * Resolves once the event loop has nothing left to do but wait for the next event: what Lambda
 * waits for before it returns a callback's result while `callbackWaitsForEmptyEventLoop` is true.
 * The IPC channel alone does not count ('beforeExit' fires once it is unreferenced).
 */
const emptyEventLoop = () =>
  new Promise((done) => {
    process.channel.unref();
    process.once('beforeExit', () => {
      process.channel.ref();
      done();
    });
  });

/**
 * Runs the handler once; resolves with its result, rejects with its error. An async handler's
 * promise decides. On nodejs18.x–22.x a handler may instead answer through the callback or
 * `context.succeed/fail/done` (the first answer counts), and that answer is returned once the
 * event loop is empty unless the function sets `callbackWaitsForEmptyEventLoop` to false; a
 * handler that never answers returns null once the event loop is empty (Lambda developer guide,
 * "Define Lambda function handler in Node.js", callback-based handlers).
 */
function runHandler(handler, event, message) {
  const { context, deadlineMs } = message;
  return new Promise((resolveResult, rejectResult) => {
    let answered = false;
    const lambdaContext = {
      ...context,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
    };
    const answer = (outcome, { waitForEmptyLoop }) => {
      if (answered) return;
      answered = true;
      const settle = () =>
        'error' in outcome ? rejectResult(outcome.error) : resolveResult(outcome.result);
      if (waitForEmptyLoop && lambdaContext.callbackWaitsForEmptyEventLoop) {
        emptyEventLoop().then(settle);
      } else settle();
    };
    const callback = (error, result) =>
      answer(error === undefined || error === null ? { result } : { error }, {
        waitForEmptyLoop: true,
      });
    if (callbacksSupported) {
      lambdaContext.succeed = (result) => answer({ result }, { waitForEmptyLoop: false });
      lambdaContext.fail = (error) => answer({ error }, { waitForEmptyLoop: false });
      lambdaContext.done = (error, result) =>
        answer(error === undefined || error === null ? { result } : { error }, {
          waitForEmptyLoop: false,
        });
    }
    let returned;
    try {
      returned = callbacksSupported
        ? handler(event, lambdaContext, callback)
        : handler(event, lambdaContext);
    } catch (error) {
      answer({ error }, { waitForEmptyLoop: false });
      return;
    }
    if (isThenable(returned)) {
      Promise.resolve(returned).then(
        (result) => answer({ result }, { waitForEmptyLoop: false }),
        (error) => answer({ error }, { waitForEmptyLoop: false }),
      );
    } else if (!callbacksSupported) {
      answer({ result: returned }, { waitForEmptyLoop: false });
    } else {
      emptyEventLoop().then(() => answer({ result: null }, { waitForEmptyLoop: false }));
    }
  });
}

const usedMemoryMb = () => Math.ceil(process.resourceUsage().maxRSS / 1024);

/** Ends a phase: the marker after its output on stdout, its message on the IPC channel. */
function finish(phase) {
  currentRequestId = undefined;
  writeOutput(`${END_OF_OUTPUT}${phase.id ?? 'init'}\n`);
  sendToParent({ ...phase, cpuMs: cpuMs() });
}

async function main() {
  patchConsole();
  registerModulePaths();
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
      const result = await runHandler(handler, message.event, message);
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
