import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A DynamoDB endpoint on 127.0.0.1 that answers from a script: each request takes the next
 * answer. It speaks DynamoDB's JSON 1.0 protocol (DynamoDB developer guide, "DynamoDB low-level
 * API": POST with `X-Amz-Target: DynamoDB_20120810.<Operation>`; errors are HTTP 400 with
 * `__type` naming the exception, "Error handling with DynamoDB"). It exists to inject faults
 * the real service gives (throttling) into the real SDK client; DynamoDB's behaviour itself is
 * tested on DynamoDB Local.
 */
export type ScriptedAnswer =
  | { kind: 'ok'; body: Record<string, unknown> }
  | { kind: 'throttled' }
  /** Never answers: a stalled connection. */
  | { kind: 'stall' };

export async function startScriptedDynamoDB(script: ScriptedAnswer[]) {
  const targets: string[] = [];
  const arrivals = new EventEmitter();
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    targets.push(String(request.headers['x-amz-target']));
    arrivals.emit('request');
    const next: ScriptedAnswer = script.shift() ?? { kind: 'ok', body: {} };
    if (next.kind === 'stall') return;
    const body =
      next.kind === 'ok'
        ? next.body
        : {
            __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
            message: 'The level of configured provisioned throughput for the table was exceeded.',
          };
    response.writeHead(next.kind === 'ok' ? 200 : 400, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': `ddb-${targets.length}`,
    });
    response.end(JSON.stringify(body));
  };
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => answer(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    targets,
    /** Resolves once `count` requests have arrived (answered or stalled). */
    async received(count: number) {
      while (targets.length < count) await once(arrivals, 'request');
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
