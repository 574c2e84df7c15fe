import committed from '@items-api/contract/openapi.json';
import type { OpenApiDocument } from './document-ajv';
import { createResponseValidator, type ObservedResponse } from './response-validator';

/** The committed `libs/contract/openapi.json`: what other teams generate clients from. */
export const committedDocument = committed as unknown as OpenApiDocument;

/** One validator over the committed document, shared by the suites of a test file. */
const shared = createResponseValidator(committedDocument);

/**
 * Validates a response against the committed document and throws on the first departure, so
 * a test that receives an undeclared answer fails with what was wrong.
 */
export function assertDocumented(observed: ObservedResponse): void {
  const problems = shared.check(observed);
  if (problems && problems.length > 0) {
    throw new Error(
      `response outside openapi.json for ${observed.method} ${observed.url}:\n  ${problems.join('\n  ')}`,
    );
  }
}

/** How many responses this test file has validated against the committed document. */
export const validatedResponses = () => shared.validated;
