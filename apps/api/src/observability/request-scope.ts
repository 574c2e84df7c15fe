import type { ProblemTypeName } from '@items-api/contract';
import { AsyncLocalStorage } from 'node:async_hooks';

/** One DynamoDB call as the request made it: all its attempts, from first send to last answer. */
export type DynamoCall = {
  operation: string;
  durationMs: number;
  attempts: number;
  /** Attempts DynamoDB answered with a throttling error. */
  throttles: number;
  /** The error name, when the call failed after its retries. */
  error?: string;
  /** Set while the call runs: a request can be answered (503, out of time) before it ends. */
  startedAt?: number;
};

/** What one request did, noted while it runs and read once at its end (log line and metrics). */
export type RequestFacts = {
  /** The contract operation the request was routed to, once the request checks found it. */
  operation?: string;
  dynamodbCalls: DynamoCall[];
  idempotentReplay: boolean;
  /** The problem type the request was answered with, when it was answered with one. */
  problem?: ProblemTypeName;
};

// One scope per invocation, so facts never mix between requests, even when one process serves
// several at once (the local server does).
const scope = new AsyncLocalStorage<RequestFacts>();

export function runInRequestScope<T>(fn: () => T): T {
  return scope.run({ dynamodbCalls: [], idempotentReplay: false }, fn);
}

/** The running request's facts; undefined outside a handler invocation (a script, a test). */
export const currentRequest = (): RequestFacts | undefined => scope.getStore();

/** Called by the request checks once they know the request's route. */
export function noteOperation(operationId: string): void {
  const facts = scope.getStore();
  if (facts) facts.operation = operationId;
}

/** Called where an error becomes the problem+json answer. */
export function noteProblem(kind: ProblemTypeName): void {
  const facts = scope.getStore();
  if (facts) facts.problem = kind;
}

/** Called by the create route when it answers from an idempotency record. */
export function noteIdempotentReplay(): void {
  const facts = scope.getStore();
  if (facts) facts.idempotentReplay = true;
}
