import { ProblemTypes } from '@items-api/contract';
import { routeOf } from './contract-routes';
import type { FuzzRequest } from './request-arbitrary';
import { contractViolations, isGatewayAnswer } from './response-check';
import type { SentRequest } from './send-request';

/**
 * What must hold for one sent request beyond the response shape: a request the contract
 * rejects never succeeds; one it accepts is never refused as malformed (400 other than an
 * unknown cursor, or 415); another owner's item answers as a missing one would.
 */
export function outcomeViolations(
  request: FuzzRequest,
  sent: SentRequest,
  { accepted, authenticated }: { accepted: boolean; authenticated: boolean },
): string[] {
  const { status, json } = sent.response;
  const problems = contractViolations(routeOf(request.operationId), sent.response);
  if (!authenticated) {
    // The gateway decodes the path and checks the request's size (431: request line and headers
    // too large) before it runs the authorizer (401): a path it cannot decode is a 400 first.
    const pathRefused = status === 400 && isGatewayAnswer(sent.response);
    if (status !== 401 && status !== 431 && !pathRefused) {
      problems.push(`answered ${status} without a token`);
    }
    return problems;
  }
  if (!accepted && status < 400) problems.push(`rejected request answered ${status}`);
  if (accepted && status === 415) problems.push('accepted request answered 415');
  if (accepted && status === 400 && json?.type !== ProblemTypes.invalidCursor.type) {
    problems.push(`accepted request answered 400 ${json?.detail}`);
  }
  // Indistinguishable from a missing item: 404, or 428 which PUT answers before looking.
  if (accepted && request.id?.kind === 'other' && status !== 404 && status !== 428) {
    problems.push(`another owner's item answered ${status}, not as a missing one`);
  }
  return problems;
}

/** One line that reproduces a failing request. */
export const describeSent = (request: FuzzRequest, sent: SentRequest, problems: string[]) =>
  `${routeOf(request.operationId).method} ${sent.path} headers=${JSON.stringify(request.headers)} body=${JSON.stringify(
    request.body,
  )} → ${sent.response.status}: ${problems.join('; ')}`;
