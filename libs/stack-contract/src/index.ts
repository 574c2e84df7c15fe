// What the items function and the stack that deploys it agree on: the table's layout and the
// metrics the alarms and dashboard read.
export { TableLayout } from './table-layout';
export {
  KitMetrics,
  KitDimensions,
  itemsOperations,
  unmatchedOperation,
  conditionalOperations,
  idempotentOperations,
} from './metric-names';
