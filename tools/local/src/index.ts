export { startLocalApi, type LocalApi, type LocalApiOptions } from './server/local-api';
export {
  startDynamoDbLocal,
  type DynamoDbLocal,
  type DynamoDbLocalOptions,
} from './dynamodb/dynamodb-local';
export { ensureTable } from './dynamodb/ensure-table';
export { readGatewayConfig } from './template/read-gateway-config';
export type { GatewayConfig } from './template/gateway-config';
export type { SignOptions } from './auth/dev-issuer';
export { LOCAL_M2M_CLIENT } from './auth/oauth-clients';
export { ExecutionEnvironment, type Invocation } from './runtime/execution-environment';
export { lambdaEnvironment, LOCAL_ACCOUNT } from './runtime/lambda-environment';
export { readFunctions, type LambdaFunction } from './template/read-functions';
export { createFunctionRuntime, type FunctionRuntime } from './server/integrations';
export { synthesizeItemsStack } from './server/synthesize-items-stack';
export {
  apiBuildOptions,
  buildItemsBundles,
  itemsBundleDirs,
  localApiBuildOptions,
  localApiBundleDir,
} from './server/items-bundles';
