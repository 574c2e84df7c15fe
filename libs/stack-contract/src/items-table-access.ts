/**
 * What the items function does to its table, declared once: the stack grants exactly these
 * IAM actions and watches these operations, and a test of the stack reads the function's source
 * and fails when it calls anything else or stops calling one of them.
 */
export const ItemsTableAccess = {
  /** The DynamoDB API operations the function calls (the SDK command names without `Command`). */
  operations: ['GetItem', 'Query', 'PutItem', 'DeleteItem', 'TransactWriteItems'],
  /**
   * The kinds of write inside its `TransactWriteItems` calls. IAM authorizes a transaction as
   * its parts: `Put` needs `dynamodb:PutItem`, `Delete` `dynamodb:DeleteItem`, `Update`
   * `dynamodb:UpdateItem`, `ConditionCheck` `dynamodb:ConditionCheckItem` (DynamoDB developer
   * guide, "Using IAM with DynamoDB transactions").
   */
  transactionParts: ['Put', 'Delete'],
} as const;

export type TransactionPart = 'Put' | 'Delete' | 'Update' | 'ConditionCheck';

/** The IAM action a transaction part is authorized as. */
export const transactionPartAction = (part: TransactionPart): string =>
  part === 'ConditionCheck' ? 'dynamodb:ConditionCheckItem' : `dynamodb:${part}Item`;

/**
 * The IAM actions for a set of calls: each operation as its own action, except
 * `TransactWriteItems`, which IAM authorizes through its parts only.
 */
export function iamActionsFor(access: {
  readonly operations: readonly string[];
  readonly transactionParts: readonly TransactionPart[];
}): string[] {
  const actions = [
    ...access.operations.filter((op) => op !== 'TransactWriteItems').map((op) => `dynamodb:${op}`),
    ...access.transactionParts.map(transactionPartAction),
  ];
  return [...new Set(actions)];
}
