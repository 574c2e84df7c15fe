export { startLocalApi, type LocalApi, type LocalApiOptions } from './server/local-api';
export {
  startDynamoDbLocal,
  type DynamoDbLocal,
  type DynamoDbLocalOptions,
} from './dynamodb/dynamodb-local';
export { ensureTable } from './dynamodb/ensure-table';
export { freePort } from './dynamodb/free-port';
export { readGatewayConfig } from './template/read-gateway-config';
export type { GatewayConfig } from './template/gateway-config';
export type { SignOptions } from './auth/dev-issuer';
