import { iamActionsFor, ItemsTableAccess, TableLayout } from '@items-api/stack-contract';
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, Operation, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface ItemsTableProps {
  /**
   * Keep the table when the stack goes (RETAIN) and refuse deletes (deletion protection).
   * @default true
   */
  readonly retain?: boolean;
}

/**
 * Exactly what the function calls (`ItemsTableAccess`, checked against its source by
 * items-table-access.spec.ts): its operations, with `TransactWriteItems` authorized as its
 * parts. No `Scan` and no batch calls: listing is always a `Query` on the owner's partition.
 */
const itemActions = iamActionsFor(ItemsTableAccess);

/** The API calls the function makes: what alarms and the dashboard watch. */
export const calledOperations: readonly Operation[] = ItemsTableAccess.operations.map((name) => {
  const operation = Object.values(Operation).find((op) => op === name);
  if (!operation) throw new Error(`aws-cdk-lib has no DynamoDB Operation ${name}`);
  return operation;
});

/** The one table: `PK`/`SK` strings, on-demand, PITR on, TTL for idempotency records. */
export class ItemsTable extends Construct {
  readonly tableName: string;
  readonly ttlAttribute: string;
  /** The table itself, for its metrics. */
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: ItemsTableProps = {}) {
    super(scope, id);
    const { retain = true } = props;
    // Key names and the TTL attribute are the ones the function uses (one source: TableLayout).
    const ttlAttribute = TableLayout.ttlAttribute;
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: TableLayout.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TableLayout.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: ttlAttribute,
      deletionProtection: retain,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.tableName = this.table.tableName;
    this.ttlAttribute = ttlAttribute;
  }

  /** Item reads and writes on this table's ARN only. */
  grantItemAccess(grantee: IGrantable): Grant {
    return this.table.grant(grantee, ...itemActions);
  }
}
