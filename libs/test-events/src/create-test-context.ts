import type { Context } from 'aws-lambda';

export type TestContextOptions = {
  functionName?: string;
  memoryLimitInMB?: number;
  /** What `getRemainingTimeInMillis()` answers: the time left before the function's timeout. */
  remainingMs?: number;
  awsRequestId?: string;
};

/**
 * The `context` Lambda's Node.js runtime passes a handler (Lambda developer guide, "Using the
 * Lambda context object to retrieve Node.js function information"), with a fixed time left.
 */
export function createTestContext(options: TestContextOptions = {}): Context {
  const functionName = options.functionName ?? 'items-test';
  const remainingMs = options.remainingMs ?? 10_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 512),
    // Lambda's request ids are UUIDs.
    awsRequestId: options.awsRequestId ?? 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/25/[$LATEST]2f1c5d8e9a7b4c3d8e1f0a2b3c4d5e6f',
    getRemainingTimeInMillis: () => remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
