import { itemsContract } from '@items-api/contract';
import { createFunctionRuntime, LOCAL_ACCOUNT, type LambdaFunction } from '@items-api/local';
import { ItemsFunctionEnv } from '@items-api/stack-contract';
import { createRouteEvent } from '@items-api/test-events';
import { createServer, type Server } from 'node:http';
import { requestedItemId } from './get-item-request';
import { listenOnLoopback } from './listen';

/**
 * The local stack's throughput baseline: a plain node:http server handing each request to a
 * GetCommand-only function in the local runtime's execution environments (one invocation at a
 * time per environment, as Lambda runs them) — no gateway, JWT authorizer, throttle, router,
 * validation, logs or metrics. What the kit adds around the same work under the same execution
 * model is the ratio to this.
 */
export async function startEnvironmentServer(options: {
  /** The function to run, its code the baseline bundle (read from a template). */
  fn: LambdaFunction;
  tableName: string;
  dynamodbEndpoint: string;
  owner: string;
}): Promise<{ url: string; stop(): Promise<void> }> {
  const table = options.fn.deployTimeEnvironment[ItemsFunctionEnv.tableName]?.ref;
  if (!table) throw new Error(`environment server: ${options.fn.logicalId} names no table`);
  const runtime = createFunctionRuntime({
    functions: [options.fn],
    resources: {
      tables: { [table]: options.tableName },
      dynamodbEndpoint: options.dynamodbEndpoint,
    },
    account: LOCAL_ACCOUNT,
    logFormat: 'text',
    // As the stack it is measured against runs its functions (benchmarks/local-stack.ts): no
    // START/END/REPORT records, and whatever the function writes is dropped.
    systemLogLevel: 'WARN',
    sink: () => undefined,
  });
  const invoke = runtime.integrations[options.fn.logicalId];
  if (!invoke) throw new Error(`environment server: no integration for ${options.fn.logicalId}`);
  const server: Server = createServer(async (request, response) => {
    const id = requestedItemId(request);
    if (!id) {
      response.writeHead(404).end();
      return;
    }
    const outcome = await invoke(
      createRouteEvent(itemsContract.getItem, { id }, { sub: options.owner }),
    );
    if (!outcome.ok) {
      response.writeHead(502).end();
      return;
    }
    const result = JSON.parse(outcome.json) as {
      statusCode: number;
      headers?: Record<string, string>;
      body?: string;
    };
    response.writeHead(result.statusCode, result.headers).end(result.body ?? '');
  });
  return listenOnLoopback(server, () => runtime.stop());
}
