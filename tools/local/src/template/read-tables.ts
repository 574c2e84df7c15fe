import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { props, resourcesOfType, TemplateReadError, type CfnTemplate } from './cfn-template';

/** A DynamoDB table of the template, as `CreateTable` takes it (the properties mirror the API). */
export type TableDefinition = {
  readonly logicalId: string;
  /** `TableName` when the template gives one as a plain string; else the local server names it. */
  readonly tableName?: string;
  readonly create: Omit<CreateTableCommandInput, 'TableName'>;
  readonly ttlAttribute?: string;
};

type Index = { IndexName: string; KeySchema: unknown; Projection?: unknown };

const indexes = (value: unknown) =>
  Array.isArray(value)
    ? (value as Index[]).map(({ IndexName, KeySchema, Projection }) => ({
        IndexName,
        KeySchema,
        Projection: Projection ?? { ProjectionType: 'ALL' },
      }))
    : undefined;

/**
 * Every `AWS::DynamoDB::Table` and `AWS::DynamoDB::GlobalTable` of a template: key schema,
 * attribute definitions, secondary indexes and TTL. Capacity is left out: tables are created
 * on demand locally.
 */
export function readTables(template: Record<string, unknown>): TableDefinition[] {
  const cfn = template as CfnTemplate;
  return [
    ...resourcesOfType(cfn, 'AWS::DynamoDB::Table'),
    ...resourcesOfType(cfn, 'AWS::DynamoDB::GlobalTable'),
  ].map(([logicalId, table]) => {
    const p = props(table);
    if (!Array.isArray(p['KeySchema']) || !Array.isArray(p['AttributeDefinitions'])) {
      throw new TemplateReadError(`table ${logicalId} has no KeySchema or AttributeDefinitions`);
    }
    const gsis = indexes(p['GlobalSecondaryIndexes']);
    const lsis = indexes(p['LocalSecondaryIndexes']);
    const ttl = p['TimeToLiveSpecification'] as
      { AttributeName?: string; Enabled?: boolean } | undefined;
    return {
      logicalId,
      ...(typeof p['TableName'] === 'string' ? { tableName: p['TableName'] } : {}),
      create: {
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: p['AttributeDefinitions'],
        KeySchema: p['KeySchema'],
        ...(gsis ? { GlobalSecondaryIndexes: gsis } : {}),
        ...(lsis ? { LocalSecondaryIndexes: lsis } : {}),
      } as Omit<CreateTableCommandInput, 'TableName'>,
      ...(ttl?.Enabled && ttl.AttributeName ? { ttlAttribute: ttl.AttributeName } : {}),
    };
  });
}
