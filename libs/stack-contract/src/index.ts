// What the items function, the stack that deploys it and the local server agree on: the table's
// layout, the function's environment, the metrics the alarms read, and AWS's own limits.
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
