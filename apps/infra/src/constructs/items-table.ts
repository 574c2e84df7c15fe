import { TableLayout } from '@items-api/stack-contract';
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
 * What the handler calls: Get/Put/Update/Delete on one item, `TransactWriteItems` (authorized as
 * its Put/Update/ConditionCheck parts) for idempotent creates, and `Query` for a page of one
 * owner's items. No `Scan` and no batch calls: listing is always a `Query` on the owner's partition.
 */
const itemActions = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];

/** The API calls behind those actions: what alarms and the dashboard watch. */
export const calledOperations: readonly Operation[] = [
  Operation.GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

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
