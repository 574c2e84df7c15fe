import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildPlaceholderStack } from './synthesize-template';

type Resource = { Properties: Record<string, unknown>; DeletionPolicy?: string };
type Statement = { Action: string | string[]; Resource: unknown };

const synth = (stage: string) => Template.fromStack(buildPlaceholderStack({ stage }).stack);
// Named assert* so the lint rule sees the CDK assertions as assertions.
const assertResource = (template: Template, type: string, props: unknown) =>
  template.hasResourceProperties(type, props);

const only = (template: Template, type: string) => {
  const found = Object.entries(template.findResources(type) as Record<string, Resource>);
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
};

const statementsOf = (template: Template, roleIdPattern: RegExp): Statement[] =>
  Object.entries(template.findResources('AWS::IAM::Policy') as Record<string, Resource>)
    .filter(([id]) => roleIdPattern.test(id))
    .flatMap(([, p]) => (p.Properties['PolicyDocument'] as { Statement: Statement[] }).Statement);

describe('ItemsApiStack functions, table and permissions', () => {
  let dev: Template;
  let prod: Template;
  beforeAll(() => {
    dev = synth('dev');
    prod = synth('prod');
  });

  it('runs both functions on nodejs24.x arm64 from main.handler', () => {
    const functions = Object.entries(
      dev.findResources('AWS::Lambda::Function') as Record<string, Resource>,
    )
      // CDK's site-deployment provider is a deploy-time function, not one of the API's.
      .filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'))
      .map(([, fn]) => fn);
    expect(functions).toHaveLength(2);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'main.handler',
      });
    }
  });

  it('sizes the items function per stage and gives it the table name', () => {
    const itemsFunction = (memory: number) => ({
      MemorySize: memory,
      Timeout: 10,
      Environment: {
        Variables: Match.objectLike({ TABLE_NAME: { Ref: Match.stringLikeRegexp('ItemsTable') } }),
      },
    });
    assertResource(dev, 'AWS::Lambda::Function', itemsFunction(512));
    assertResource(prod, 'AWS::Lambda::Function', itemsFunction(1024));
  });

  it('traces in prod only', () => {
    assertResource(prod, 'AWS::Lambda::Function', { TracingConfig: { Mode: 'Active' } });
    assertResource(dev, 'AWS::Lambda::Function', { TracingConfig: Match.absent() });
  });

  it('sends each function’s logs to its own log group with retention', () => {
    assertResource(dev, 'AWS::Lambda::Function', {
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('ItemsFunctionLogs') } },
    });
    assertResource(dev, 'AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });

  it('keys the table on PK/SK with a TTL attribute, on demand, with PITR', () => {
    const [, table] = only(dev, 'AWS::DynamoDB::GlobalTable');
    expect(table.Properties).toMatchObject({
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      Replicas: [
        expect.objectContaining({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      ],
    });
  });

  it('retains and protects the prod table and lets dev go', () => {
    const [, prodTable] = only(prod, 'AWS::DynamoDB::GlobalTable');
    expect(prodTable.DeletionPolicy).toBe('Retain');
    expect(prodTable.Properties['Replicas']).toEqual([
      expect.objectContaining({ DeletionProtectionEnabled: true }),
    ]);
    const [, devTable] = only(dev, 'AWS::DynamoDB::GlobalTable');
    expect(devTable.DeletionPolicy).toBe('Delete');
    expect(devTable.Properties['Replicas']).toEqual([
      expect.objectContaining({ DeletionProtectionEnabled: false }),
    ]);
  });

  it('lets the items function read and write items on the table ARN only, never Scan', () => {
    const [tableId] = only(prod, 'AWS::DynamoDB::GlobalTable');
    const dynamo = statementsOf(prod, /^ItemsFunction/).filter((s) =>
      String(s.Action).includes('dynamodb:'),
    );
    expect(dynamo).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
        Resource: { 'Fn::GetAtt': [tableId, 'Arn'] },
      },
    ]);
  });

  it('gives the docs function no table access and neither function a managed policy', () => {
    expect(JSON.stringify(statementsOf(prod, /^DocsFunction/))).not.toContain('dynamodb:');
    const roles = Object.entries(prod.findResources('AWS::IAM::Role') as Record<string, Resource>);
    const apiRoles = roles.filter(([id]) => /^(Items|Docs)Function/.test(id));
    expect(apiRoles).toHaveLength(2);
    for (const [, role] of apiRoles) expect(role.Properties['ManagedPolicyArns']).toBeUndefined();
  });

  it('outputs the API, docs and web URLs, the table and the Cognito ids', () => {
    const outputs = Object.keys(prod.findOutputs('*'));
    expect(outputs.sort()).toEqual(
      [
        'ApiUrl',
        // Prod's API front (CloudFront + WAF) is on by default: the gateway's own URL beside it.
        'ApiOriginUrl',
        'DocsUrl',
        'JwtIssuer',
        'MachineClientId',
        'OpenApiUrl',
        'TableName',
        'TokenEndpoint',
        'UserPoolClientId',
        'UserPoolId',
        'WebUrl',
      ].sort(),
    );
  });
});
