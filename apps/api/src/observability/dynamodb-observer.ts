import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { isThrottlingError } from '../items/dynamo-errors';
import { currentRequest, type DynamoCall } from './request-scope';
import type { XRayDaemonEmitter } from './xray-daemon';

type Metadata = { attempts?: number; httpStatusCode?: number; requestId?: string };
type CallError = Error & { $metadata?: Metadata };

const epochSeconds = () => (performance.timeOrigin + performance.now()) / 1000;

/**
 * Watches every DynamoDB call the client makes: notes it in the running request's facts
 * (attempts, throttles, time: the access log line and metrics) and, when tracing, sends it to
 * X-Ray as a `DynamoDB` subsegment covering all its attempts.
 */
export function observeDynamoDB(
  client: DynamoDBClient,
  options: { region: string; xray?: XRayDaemonEmitter },
): void {
  const { middlewareStack } = client;
  // Outside the retry middleware (initialize step): one observation per call, all attempts.
  middlewareStack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const started = epochSeconds();
      const facts = currentRequest();
      const call: DynamoCall = {
        operation,
        durationMs: 0,
        attempts: 0,
        throttles: 0,
        startedAt: performance.now(),
      };
      facts?.dynamodbCalls.push(call);
      // Each attempt inside this call reports its throttle here (see the per-attempt middleware).
      (context as { itemsApiCall?: DynamoCall }).itemsApiCall = call;
      let metadata: Metadata | undefined;
      let failure: CallError | undefined;
      try {
        const result = await next(args);
        metadata = (result.output as { $metadata?: Metadata }).$metadata;
        return result;
      } catch (error) {
        failure = error as CallError;
        metadata = failure.$metadata;
        call.error = failure.name;
        throw error;
      } finally {
        const ended = epochSeconds();
        call.durationMs = (ended - started) * 1000;
        delete call.startedAt;
        call.attempts = metadata?.attempts ?? Math.max(1, call.attempts);
        const status = metadata?.httpStatusCode;
        const input = args.input as { TableName?: unknown };
        // Segment documents, "AWS SDK" subsegment fields (X-Ray developer guide).
        options.xray?.emit({
          name: 'DynamoDB',
          namespace: 'aws',
          startTime: started,
          endTime: ended,
          aws: {
            operation,
            region: options.region,
            retries: Math.max(0, call.attempts - 1),
            ...(typeof input.TableName === 'string' ? { table_name: input.TableName } : {}),
            ...(metadata?.requestId ? { request_id: metadata.requestId } : {}),
          },
          ...(status ? { http: { response: { status } } } : {}),
          ...(failure
            ? {
                throttle: isThrottlingError(failure.name) || status === 429,
                fault: status === undefined || status >= 500,
                error: status !== undefined && status < 500,
              }
            : {}),
        });
      }
    },
    { step: 'initialize', priority: 'high', name: 'itemsApiObserveCall' },
  );
  // Inside the retry middleware (finalizeRequest, low priority): once per attempt.
  middlewareStack.add(
    (next, context) => async (args) => {
      const call = (context as { itemsApiCall?: DynamoCall }).itemsApiCall;
      if (call) call.attempts += 1;
      try {
        return await next(args);
      } catch (error) {
        if (call && isThrottlingError((error as Error).name)) call.throttles += 1;
        throw error;
      }
    },
    { step: 'finalizeRequest', priority: 'low', name: 'itemsApiObserveAttempt' },
  );
}
