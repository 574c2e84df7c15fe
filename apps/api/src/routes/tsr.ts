// The ts-rest route builder for Lambda: route implementations receive the raw API Gateway event.
export { tsr } from '@ts-rest/serverless/aws';
