import { ContentTypes, Headers, ProblemSchema, ProblemTypes } from '@items-api/contract';
import type { ApiResponse } from '../harness/robust-api';
import { leakPatterns } from './dynamo-errors';

/**
 * How a response under injected faults breaks the rule "success, or 503 + Retry-After as
 * problem+json that names no AWS error, SDK error or table": readable lines, empty when kept.
 */
export function faultViolations(
  label: string,
  res: ApiResponse,
  success: readonly number[],
  tableName: string,
): string[] {
  const leaks = [...leakPatterns, new RegExp(tableName)].filter((p) => p.test(res.text));
  const problems = leaks.map((p) => `${label}: body shows ${p}: ${res.text.slice(0, 200)}`);
  if (success.includes(res.status)) return problems;
  if (res.status !== 503)
    return [...problems, `${label}: answered ${res.status} ${res.text.slice(0, 200)}`];
  if (!res.headers.get(Headers.retryAfter)) problems.push(`${label}: 503 without Retry-After`);
  if (res.headers.get(Headers.contentType) !== ContentTypes.problem) {
    problems.push(`${label}: 503 as ${res.headers.get(Headers.contentType)}`);
  }
  if (
    !ProblemSchema.safeParse(res.json).success ||
    res.json.type !== ProblemTypes.unavailable.type
  ) {
    problems.push(`${label}: 503 body is not the unavailable problem: ${res.text.slice(0, 200)}`);
  }
  return problems;
}
