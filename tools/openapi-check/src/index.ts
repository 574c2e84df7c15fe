export { createDocumentAjv, type DocumentAjv, type OpenApiDocument } from './document-ajv';
export {
  createResponseValidator,
  type ObservedResponse,
  type ResponseValidator,
} from './response-validator';
export { assertDocumented, committedDocument, validatedResponses } from './committed-document';
