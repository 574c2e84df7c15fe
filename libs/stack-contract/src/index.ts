// What the items function, the stack that deploys it and the local server agree on: the table's
// layout, the function's environment, the metrics the alarms read, AWS's own limits, and the
// web app's runtime configuration the deploy writes.
export { TableLayout } from './table-layout';
export {
  KitMetrics,
  KitDimensions,
  itemsOperations,
  unmatchedOperation,
  conditionalOperations,
  idempotentOperations,
} from './metric-names';
export { AwsQuotas } from './aws-quotas';
export {
  ItemsFunctionEnv,
  itemsFunctionEnvironment,
  type ItemsFunctionSettings,
} from './function-environment';
export {
  parseRuntimeConfig,
  RUNTIME_CONFIG_PATH,
  type WebRuntimeConfig,
} from './web-runtime-config';
export { subjectIsString, unverifiedPayload } from './token-subject';
export {
  ItemsTableAccess,
  iamActionsFor,
  transactionPartAction,
  type TransactionPart,
} from './items-table-access';
