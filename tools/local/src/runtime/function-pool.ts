import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { LambdaFunction } from '../template/read-functions';
import {
  ExecutionEnvironment,
  type ErrorRecord,
  type InvocationOutcome,
} from './execution-environment';
import type { FunctionLog } from './function-log';
import {
  functionArn,
  lambdaEnvironment,
  logGroupName,
  logStreamName,
  traceHeader,
  type LocalAccount,
} from './lambda-environment';

/** What an invocation came to, for the gateway: the function's result or why there is none. */
export type PoolOutcome =
  | { ok: true; json: string }
  | {
      ok: false;
      reason: 'error' | 'crash' | 'timeout' | 'init' | 'throttled';
      error?: ErrorRecord;
    };

export type PoolStats = {
  /** Environments alive now (busy + idle). */
  environments: number;
  busy: number;
  idle: number;
  /** Environments started so far (each a cold start). */
  coldStarts: number;
};

export type FunctionPoolOptions = {
  fn: LambdaFunction;
  /** The code directory to run (`LAMBDA_TASK_ROOT`). */
  taskRoot: string;
  /** The function's variables, deploy-time values resolved for this machine. */
  variables: Record<string, string>;
  account: LocalAccount;
  log: FunctionLog;
  /** An idle environment is retired after this long. Default 10 minutes. */
  idleMs?: number;
  /** See `defaultMaxEnvironments`; the template's reserved concurrency, when lower, wins. */
  maxEnvironments?: number;
  /**
   * Opens the inspector of each environment on this port (see `ExecutionEnvironment`). One
   * environment at a time then, so the one debugger session on the port stops at every request;
   * a new environment starts only once the one before has released the port.
   */
  inspectPort?: number;
};

type Idle = { environment: ExecutionEnvironment; generation: number; timer?: NodeJS.Timeout };

/** Handed a warm environment, or `undefined` when one stopped and a new one may start. */
type Waiter = (handedOver: Idle | undefined) => void;

/**
 * Environments one function may have at once on this machine when its template reserves no
 * concurrency: two per CPU, at least 4. Lambda would start one per concurrent request (up to the
 * account's 1,000), each with a CPU of its own; here they share the machine's. An environment
 * waiting on DynamoDB uses no CPU, so a few more than the CPUs serve the most; many more only
 * compete (measured at 10 connections on 2 CPUs, GET /items/{id}: 4 environments served
 * 1,460–1,500 req/s, 2 served 1,200–1,430 and 10 served 1,130–1,370). A request beyond the cap
 * waits for a free environment.
 */
const defaultMaxEnvironments = () => Math.max(4, availableParallelism() * 2);

const DEFAULT_IDLE_MS = 10 * 60_000;

/**
 * The execution environments of one function, as Lambda keeps them: one invocation at a time
 * per environment; a new one (a cold start) when all are busy, up to the function's reserved
 * concurrency; warm ones reused; idle ones retired; crashed or timed-out ones discarded.
 * `reload()` makes every later invocation start from the current code.
 */
export class FunctionPool {
  private readonly options: FunctionPoolOptions;
  private idle: Idle[] = [];
  private readonly busy = new Set<ExecutionEnvironment>();
  private starting = 0;
  private generation = 0;
  private coldStarts = 0;
  private nextId = 1;
  private disposed = false;
  private waiters: Waiter[] = [];
  /** Resolves once every environment stopped so far has exited. */
  private stopped: Promise<unknown> = Promise.resolve();

  constructor(options: FunctionPoolOptions) {
    this.options = options;
  }

  get fn(): LambdaFunction {
    return this.options.fn;
  }

  stats(): PoolStats {
    const busy = this.busy.size + this.starting;
    return {
      environments: busy + this.idle.length,
      busy,
      idle: this.idle.length,
      coldStarts: this.coldStarts,
    };
  }

  /** Environments started from here on run the code as it is now; idle ones are retired. */
  reload(): void {
    this.generation += 1;
    for (const { environment, timer } of this.idle.splice(0)) {
      if (timer) clearTimeout(timer);
      this.retire(environment);
    }
  }

  async invoke(
    event: unknown,
    request: { requestId: string; traceId?: string },
  ): Promise<PoolOutcome> {
    const { fn, log } = this.options;
    let warm = this.takeIdle();
    const active = () => this.busy.size + this.starting;
    if (!warm && !this.disposed) {
      const reserved = fn.reservedConcurrency ?? Number.POSITIVE_INFINITY;
      if (active() >= reserved) {
        log.notice(
          `throttled: all ${reserved} environments its reserved concurrency allows are busy (${request.requestId})`,
        );
        return { ok: false, reason: 'throttled' };
      }
      if (active() >= this.maxEnvironments()) {
        warm = await new Promise<Idle | undefined>((resolve) => this.waiters.push(resolve));
      }
    }
    if (this.disposed) return { ok: false, reason: 'throttled' };
    let environment = warm?.environment;
    let generation = warm?.generation ?? this.generation;
    let initDurationMs: number | undefined;
    if (!environment) {
      generation = this.generation;
      this.starting += 1;
      this.coldStarts += 1;
      if (this.options.inspectPort !== undefined) await this.stopped;
      const started = await ExecutionEnvironment.start({
        taskRoot: this.options.taskRoot,
        env: lambdaEnvironment(fn, {
          account: this.options.account,
          taskRoot: this.options.taskRoot,
          logStream: logStreamName(),
          variables: this.options.variables,
        }),
        memoryMb: fn.memoryMb,
        timeoutSeconds: fn.timeoutSeconds,
        onOutput: (line, requestId) => log.output(line, requestId),
        ...(this.options.inspectPort !== undefined
          ? { inspectPort: this.options.inspectPort }
          : {}),
      }).finally(() => (this.starting -= 1));
      if (!started.init.ok) {
        // Lambda reports the failed init on the invocation that needed it, and starts afresh next time.
        log.start(request.requestId);
        log.end(request.requestId);
        log.report({
          requestId: request.requestId,
          durationMs: 0,
          initDurationMs: started.init.initMs,
          memorySizeMb: fn.memoryMb,
          maxMemoryUsedMb: started.environment.usedMemoryMb,
          status: 'error',
          errorType: started.init.error.errorType,
        });
        this.handOver(undefined);
        return { ok: false, reason: 'init', error: started.init.error };
      }
      environment = started.environment;
      initDurationMs = started.init.initMs;
    }
    return this.run(environment, generation, event, request, initDurationMs);
  }

  /** Stops every environment (the server is shutting down). */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
    const all = [...this.busy, ...this.idle.map((i) => i.environment)];
    for (const { timer } of this.idle) if (timer) clearTimeout(timer);
    this.idle = [];
    await Promise.all(all.map((environment) => environment.stop()));
  }

  private maxEnvironments(): number {
    if (this.options.inspectPort !== undefined) return 1;
    return this.options.maxEnvironments ?? defaultMaxEnvironments();
  }

  private retire(environment: ExecutionEnvironment) {
    this.stopped = Promise.all([this.stopped, environment.stop()]);
  }

  private takeIdle(): Idle | undefined {
    // Most recently used first, as a warm environment is likelier to have warm caches; one that
    // died while idle (a timer of the function's that threw) is skipped.
    for (let idle = this.idle.pop(); idle; idle = this.idle.pop()) {
      if (idle.timer) clearTimeout(idle.timer);
      if (idle.environment.alive) return idle;
    }
    return undefined;
  }

  private async run(
    environment: ExecutionEnvironment,
    generation: number,
    event: unknown,
    request: { requestId: string; traceId?: string },
    initDurationMs: number | undefined,
  ): Promise<PoolOutcome> {
    const { fn, log, account } = this.options;
    this.busy.add(environment);
    log.start(request.requestId);
    const invocation = await environment.invoke({
      id: this.nextId++,
      event,
      traceId: traceHeader(fn.tracing === 'Active', request.traceId),
      context: {
        awsRequestId: request.requestId,
        functionName: fn.functionName,
        functionVersion: '$LATEST',
        invokedFunctionArn: functionArn(fn, account),
        memoryLimitInMB: String(fn.memoryMb),
        logGroupName: logGroupName(fn),
        logStreamName: String(environment.logStream),
      },
    });
    this.busy.delete(environment);
    if (invocation.status === 'timeout' || invocation.status === 'crash') {
      const when = new Date().toISOString();
      log.output(
        `${when}\t${request.requestId}\tERROR\t${invocation.error.errorMessage}`,
        request.requestId,
      );
    }
    log.end(request.requestId);
    log.report({
      requestId: request.requestId,
      durationMs: invocation.durationMs,
      memorySizeMb: fn.memoryMb,
      maxMemoryUsedMb: invocation.usedMemoryMb,
      ...(initDurationMs !== undefined ? { initDurationMs } : {}),
      status:
        invocation.status === 'success'
          ? 'success'
          : invocation.status === 'timeout'
            ? 'timeout'
            : 'error',
      ...(invocation.status !== 'success' ? { errorType: invocation.error.errorType } : {}),
    });
    this.release(environment, generation);
    return outcomeFor(invocation);
  }

  /** The next waiting request gets this environment, or (undefined) room to start one. */
  private handOver(idle: Idle | undefined): boolean {
    const waiter = this.waiters.shift();
    waiter?.(idle);
    return waiter !== undefined;
  }

  private release(environment: ExecutionEnvironment, generation: number) {
    if (!environment.alive || this.disposed || generation !== this.generation) {
      this.retire(environment);
      this.handOver(undefined);
      return;
    }
    if (this.handOver({ environment, generation })) return;
    const timer = setTimeout(() => {
      this.idle = this.idle.filter((i) => i.environment !== environment);
      this.retire(environment);
    }, this.options.idleMs ?? DEFAULT_IDLE_MS);
    timer.unref();
    this.idle.push({ environment, generation, timer });
  }
}

function outcomeFor(invocation: InvocationOutcome): PoolOutcome {
  if (invocation.status === 'success') return { ok: true, json: invocation.json };
  return { ok: false, reason: invocation.status, error: invocation.error };
}

/** A request id in Lambda's shape (a UUID). */
export const newRequestId = () => randomUUID();
