export { createDocumentAjv, type OpenApiDocument } from './document-ajv';
export { createResponseValidator, type ObservedResponse } from './response-validator';
export { assertDocumented, committedDocument, validatedResponses } from './committed-document';
