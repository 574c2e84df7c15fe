import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** What Lambda's runtime reports for an error: `errorType`, `errorMessage`, `stack` lines. */
export type ErrorRecord = { errorType: string; errorMessage: string; stack?: string[] };

export type InvocationOutcome =
  /** The handler returned: the JSON of its result. */
  | { status: 'success'; json: string }
  /** The handler threw or its promise rejected; the environment stays usable. */
  | { status: 'error'; error: ErrorRecord }
  /** The environment died (process.exit, out of memory, an uncaught exception): it is gone. */
  | { status: 'crash'; error: ErrorRecord }
  /** The function's timeout passed: the environment was stopped. */
  | { status: 'timeout'; error: ErrorRecord };

export type Invocation = InvocationOutcome & {
  durationMs: number;
  usedMemoryMb: number;
  /** CPU time of the environment's process since its runtime started (Node's boot excluded). */
  cpuMs: number;
};

export type InitOutcome =
  { ok: true; initMs: number } | { ok: false; error: ErrorRecord; initMs: number };

export type EnvironmentOptions = {
  /** The code directory (`LAMBDA_TASK_ROOT`). */
  taskRoot: string;
  /** The whole environment of the process, as Lambda sets it (see lambda-environment.ts). */
  env: Record<string, string>;
  memoryMb: number;
  timeoutSeconds: number;
  /** Default `INIT_TIMEOUT_MS`. */
  initTimeoutMs?: number;
  /**
   * Opens the inspector on `127.0.0.1:<port>` (0: any free port; Node prints the debugger's URL
   * as the first line of output). While it is open no timeout stops the environment: a debugger
   * paused at a breakpoint would otherwise run out the function's time.
   */
  inspectPort?: number;
  /** Each line the function writes to stdout or stderr, with the request it wrote it during. */
  onOutput: (line: string, requestId: string | undefined) => void;
};

const BOOTSTRAP = join(__dirname, 'bootstrap.cjs');

/** Lambda gives a function's init phase at most 10 seconds (execution environment lifecycle). */
const INIT_TIMEOUT_MS = 10_000;
/** Starts the line that ends a phase's output, followed by the phase's id (bootstrap.cjs). */
const END_OF_OUTPUT = '\u0000end-of-invocation\u0000';

/**
 * Heap flags as Lambda's Node.js runtime derives them from the function's memory (its bootstrap
 * script): a tenth for the young generation, the rest for the old one.
 */
export function heapArgs(memoryMb: number): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  return [
    `--max-semi-space-size=${Math.max(1, Math.floor(newSpace / 2))}`,
    `--max-old-space-size=${memoryMb - newSpace}`,
  ];
}

type Message = { usedMemoryMb: number; cpuMs: number } & (
  | { type: 'ready' }
  | { type: 'init-error'; error: ErrorRecord }
  | { type: 'result'; id: number; json: string }
  | { type: 'error'; id: number; error: ErrorRecord }
);

/**
 * One execution environment: a Node process running one function's handler, one invocation at a
 * time. A child process rather than a worker thread: it has its own `process.env`, `TZ`, working
 * directory (`LAMBDA_TASK_ROOT`), heap limit and resident memory to report, and `process.exit`
 * or a native crash ends only it.
 */
export class ExecutionEnvironment {
  private readonly child: ChildProcess;
  private readonly options: EnvironmentOptions;
  private requestId: string | undefined;
  /**
   * The phase under way (`init`, or an invocation's id): its message (IPC) and the end of its
   * output (stdout) may arrive in either order; it ends once both are in, or the process is gone.
   */
  private phase:
    | {
        id: string;
        message?: Message;
        outputEnded: boolean;
        done: (message: Message | undefined) => void;
      }
    | undefined;
  private exited = false;
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private killedForTimeout = false;
  private outOfMemory = false;
  private closed: Promise<void>;
  usedMemoryMb = 0;
  private cpuMs = 0;

  private constructor(options: EnvironmentOptions) {
    this.options = options;
    this.child = fork(BOOTSTRAP, [], {
      cwd: options.taskRoot,
      env: options.env,
      execPath: process.execPath,
      // Not the parent's flags (a TypeScript loader, a debugger): Lambda's, from MemorySize, and
      // source-mapped stack traces (a bundle without a map is unaffected).
      execArgv: [
        ...heapArgs(options.memoryMb),
        '--enable-source-maps',
        ...(options.inspectPort !== undefined
          ? [`--inspect=127.0.0.1:${options.inspectPort}`]
          : []),
      ],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.readLines(this.child.stdout);
    this.readLines(this.child.stderr);
    // Results come only over the IPC channel, and only for the phase under way: a function's
    // output, whatever it prints, is output.
    this.child.on('message', (message: unknown) => {
      const phase = this.phase;
      if (!phase || !isMessageOf(message, phase.id)) return;
      phase.message = message;
      this.endPhaseIfComplete();
    });
    this.closed = new Promise((resolve) =>
      this.child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
        this.exited = true;
        this.exitInfo = { code, signal };
        const phase = this.phase;
        this.phase = undefined;
        phase?.done(phase.message);
        resolve();
      }),
    );
    // A failed send to a process that just died: its 'close' tells the rest.
    this.child.on('error', () => undefined);
  }

  /** Starts an environment and runs the function's init (loading its handler). */
  static async start(
    options: EnvironmentOptions,
  ): Promise<{ environment: ExecutionEnvironment; init: InitOutcome }> {
    const environment = new ExecutionEnvironment(options);
    const started = performance.now();
    const timer = environment.debugging
      ? undefined
      : setTimeout(() => environment.kill(), options.initTimeoutMs ?? INIT_TIMEOUT_MS);
    const message = await environment.nextMessage('init');
    clearTimeout(timer);
    const initMs = performance.now() - started;
    if (message?.type === 'ready') {
      environment.usedMemoryMb = message.usedMemoryMb;
      // From spawn to ready, as Lambda's Init Duration counts the runtime's start too.
      return { environment, init: { ok: true, initMs } };
    }
    environment.kill();
    if (message?.type === 'init-error') environment.usedMemoryMb = message.usedMemoryMb;
    const timedOut = !message && environment.exitInfo?.signal === 'SIGKILL';
    const seconds = ((options.initTimeoutMs ?? INIT_TIMEOUT_MS) / 1000).toFixed(2);
    const error =
      message?.type === 'init-error'
        ? message.error
        : timedOut
          ? {
              errorType: 'Sandbox.Timedout',
              errorMessage: `Init timed out after ${seconds} seconds`,
            }
          : environment.exitError('the runtime exited during init');
    return { environment, init: { ok: false, error, initMs } };
  }

  /** This environment's log stream (`AWS_LAMBDA_LOG_STREAM_NAME`). */
  get logStream(): string | undefined {
    return this.options.env['AWS_LAMBDA_LOG_STREAM_NAME'];
  }

  /** Whether a debugger may attach (see `inspectPort`). */
  get debugging(): boolean {
    return this.options.inspectPort !== undefined;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Runs one invocation; resolves once its result and all its output are in. */
  async invoke(request: {
    id: number;
    event: unknown;
    context: Record<string, unknown> & { awsRequestId: string };
    traceId: string;
  }): Promise<Invocation> {
    this.requestId = request.context.awsRequestId;
    const started = performance.now();
    const deadlineMs = Date.now() + this.options.timeoutSeconds * 1000;
    const timer = this.debugging
      ? undefined
      : setTimeout(() => {
          this.killedForTimeout = true;
          this.child.kill('SIGKILL');
        }, this.options.timeoutSeconds * 1000);
    const next = this.nextMessage(String(request.id));
    this.child.send({ type: 'invoke', ...request, deadlineMs });
    const message = await next;
    clearTimeout(timer);
    const durationMs = performance.now() - started;
    if (message) this.usedMemoryMb = message.usedMemoryMb;
    if (message) this.cpuMs = message.cpuMs;
    this.requestId = undefined;
    const outcome = this.outcomeOf(message);
    return { ...outcome, durationMs, usedMemoryMb: this.usedMemoryMb, cpuMs: this.cpuMs };
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  /** Stops the environment and waits until its process is gone. */
  async stop(): Promise<void> {
    this.kill();
    await this.closed;
  }

  private outcomeOf(message: Message | undefined): InvocationOutcome {
    if (message?.type === 'result') return { status: 'success', json: message.json };
    if (message?.type === 'error') return { status: 'error', error: message.error };
    if (this.killedForTimeout) {
      const seconds = this.options.timeoutSeconds.toFixed(2);
      return {
        status: 'timeout',
        error: {
          errorType: 'Sandbox.Timedout',
          errorMessage: `Task timed out after ${seconds} seconds`,
        },
      };
    }
    return { status: 'crash', error: this.exitError('the runtime exited') };
  }

  /** Why the process ended, in Lambda's terms (`Runtime.ExitError`, `Runtime.OutOfMemory`). */
  private exitError(fallback: string): ErrorRecord {
    if (this.outOfMemory) {
      return {
        errorType: 'Runtime.OutOfMemory',
        errorMessage: 'Runtime exited with error: out of memory',
      };
    }
    const { code, signal } = this.exitInfo ?? { code: null, signal: null };
    const how = signal ? `signal: ${signal}` : code !== null ? `exit status ${code}` : fallback;
    return { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: ${how}` };
  }

  /** The phase's message once all its output is in, or none: the process ended first. */
  private async nextMessage(id: string): Promise<Message | undefined> {
    const message = await new Promise<Message | undefined>((resolve) => {
      if (this.exited) return resolve(undefined);
      this.phase = { id, outputEnded: false, done: resolve };
    });
    if (!message) await this.closed;
    return message;
  }

  private endPhaseIfComplete() {
    const phase = this.phase;
    if (!phase?.message || !phase.outputEnded) return;
    this.phase = undefined;
    phase.done(phase.message);
  }

  /** Calls `line` for each line of the stream; only a chunk's own text is searched for newlines. */
  private readLines(stream: NodeJS.ReadableStream | null) {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      let start = 0;
      for (let newline = chunk.indexOf('\n'); newline >= 0; newline = chunk.indexOf('\n', start)) {
        this.line(partial + chunk.slice(start, newline));
        partial = '';
        start = newline + 1;
      }
      partial += chunk.slice(start);
    });
    stream?.on('end', () => {
      if (partial) this.line(partial);
      partial = '';
    });
  }

  private line(line: string) {
    const end = line.indexOf(END_OF_OUTPUT);
    const phase = this.phase;
    if (end < 0 || !phase || line.slice(end + END_OF_OUTPUT.length) !== phase.id) {
      return this.output(line);
    }
    // Output the function left without a final newline is a record of its own, as in Lambda.
    if (end > 0) this.output(line.slice(0, end));
    phase.outputEnded = true;
    this.endPhaseIfComplete();
  }

  private output(line: string) {
    // V8's last words when the heap limit (from MemorySize) is reached. Their wording depends on
    // where the allocation failed: "… - JavaScript heap out of memory", "Fatal JavaScript out of
    // memory: Reached heap limit", "Fatal process out of memory: …".
    if (/JavaScript heap out of memory|Fatal (JavaScript|process) out of memory/.test(line)) {
      this.outOfMemory = true;
    }
    this.options.onOutput(line, this.requestId);
  }
}

/** Whether an IPC message is the runtime's message for the phase `id` (`init` or an invocation's). */
function isMessageOf(message: unknown, id: string): message is Message {
  const m = message as Partial<Message> | null;
  if (typeof m !== 'object' || m === null) return false;
  if (id === 'init') return m.type === 'ready' || m.type === 'init-error';
  return (m.type === 'result' || m.type === 'error') && String(m.id) === id;
}
