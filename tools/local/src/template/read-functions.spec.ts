import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localVariables, routedFunctions } from '../server/integrations';
import { LOCAL_ACCOUNT } from '../runtime/lambda-environment';
import { readFunctions } from './read-functions';
import { readGatewayConfig } from './read-gateway-config';
import { readTables } from './read-tables';

const fnResource = (properties: Record<string, unknown>, metadata?: Record<string, unknown>) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Runtime: 'nodejs24.x', Handler: 'index.handler', ...properties },
  ...(metadata ? { Metadata: metadata } : {}),
});

describe('readFunctions (AWS::Lambda::Function reference)', () => {
  let assembly: string;
  beforeAll(() => {
    assembly = mkdtempSync(join(tmpdir(), 'read-functions-'));
    mkdirSync(join(assembly, 'asset.abc'));
    mkdirSync(join(assembly, 'asset.def'));
    writeFileSync(
      join(assembly, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          'S.assets': { type: 'cdk:asset-manifest', properties: { file: 'S.assets.json' } },
        },
      }),
    );
    writeFileSync(
      join(assembly, 'S.assets.json'),
      JSON.stringify({
        files: {
          def: {
            source: { path: 'asset.def', packaging: 'zip' },
            destinations: { d: { objectKey: 'def.zip' } },
          },
        },
      }),
    );
  });
  afterAll(() => rmSync(assembly, { recursive: true, force: true }));

  it('reads handler, runtime, sizes, logging, tracing and reserved concurrency', () => {
    const { Fn } = readFunctions(
      {
        Resources: {
          Fn: fnResource(
            {
              Handler: 'src/app.main',
              MemorySize: 1024,
              Timeout: 20,
              Architectures: ['arm64'],
              ReservedConcurrentExecutions: 2,
              LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG' },
              TracingConfig: { Mode: 'Active' },
              Environment: { Variables: { A: 'x', TABLE: { Ref: 'Table' } } },
            },
            { 'aws:asset:path': 'asset.abc', 'aws:asset:property': 'Code' },
          ),
        },
      },
      { assemblyDir: assembly, stackName: 'S' },
    );
    expect(Fn).toEqual({
      logicalId: 'Fn',
      functionName: 'S-Fn',
      handler: 'src/app.main',
      runtime: 'nodejs24.x',
      architecture: 'arm64',
      timeoutSeconds: 20,
      memoryMb: 1024,
      environment: { A: 'x' },
      deployTimeEnvironment: { TABLE: { ref: 'Table' } },
      reservedConcurrency: 2,
      logFormat: 'JSON',
      applicationLogLevel: 'DEBUG',
      tracing: 'Active',
      code: { kind: 'directory', path: join(assembly, 'asset.abc') },
      layers: [],
    });
  });

  it('uses Lambda’s defaults (3 s, 128 MB, x86_64, Text logs) and a given FunctionName', () => {
    const { Fn } = readFunctions({
      Resources: {
        Fn: fnResource({ FunctionName: 'named', Code: { ZipFile: 'exports.handler=1' } }),
      },
    });
    expect(Fn).toMatchObject({
      functionName: 'named',
      timeoutSeconds: 3,
      memoryMb: 128,
      architecture: 'x86_64',
      logFormat: 'Text',
      tracing: 'PassThrough',
      code: { kind: 'inline', source: 'exports.handler=1' },
    });
  });

  it('finds code through the asset manifest by S3Key when the template has no asset metadata', () => {
    const { Fn } = readFunctions(
      { Resources: { Fn: fnResource({ Code: { S3Bucket: 'b', S3Key: 'def.zip' } }) } },
      { assemblyDir: assembly },
    );
    expect(Fn?.code).toEqual({ kind: 'directory', path: join(assembly, 'asset.def') });
  });

  it('names a function whose code is not in the assembly', () => {
    expect(() =>
      readFunctions(
        { Resources: { Fn: fnResource({ Code: { S3Bucket: 'b', S3Key: 'elsewhere.zip' } }) } },
        { assemblyDir: assembly },
      ),
    ).toThrow('function Fn: its code is neither inline nor an asset of the assembly');
    expect(() =>
      readFunctions({
        Resources: {
          Fn: fnResource(
            {},
            { 'aws:asset:path': join(assembly, 'gone'), 'aws:asset:property': 'Code' },
          ),
        },
      }),
    ).toThrow(/function Fn: its code directory .*gone does not exist/);
  });
});

describe('the functions the routes reach', () => {
  const template = (runtime: string) => ({
    Resources: {
      Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'HTTP' } },
      Stage: {
        Type: 'AWS::ApiGatewayV2::Stage',
        Properties: { ApiId: { Ref: 'Api' }, StageName: '$default' },
      },
      Integration: {
        Type: 'AWS::ApiGatewayV2::Integration',
        Properties: { ApiId: { Ref: 'Api' }, IntegrationUri: { 'Fn::GetAtt': ['Fn', 'Arn'] } },
      },
      Route: {
        Type: 'AWS::ApiGatewayV2::Route',
        Properties: {
          ApiId: { Ref: 'Api' },
          RouteKey: 'GET /x',
          Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] },
        },
      },
      Fn: fnResource({ Runtime: runtime, Code: { ZipFile: 'exports.handler=async()=>1' } }),
    },
  });

  it('refuses a function that does not run on Node.js, naming it and its runtime', () => {
    const t = template('python3.13');
    expect(() => routedFunctions(readGatewayConfig(t), readFunctions(t))).toThrow(
      'function Fn runs python3.13: only Node.js runtimes (nodejsNN.x) run locally',
    );
  });

  it('reads a template without a table: no table, nothing to start', () => {
    const t = template('nodejs24.x');
    expect(readGatewayConfig(t).table).toBeUndefined();
    expect(readTables(t)).toEqual([]);
    expect(routedFunctions(readGatewayConfig(t), readFunctions(t)).map((f) => f.logicalId)).toEqual(
      ['Fn'],
    );
  });
});

describe('localVariables', () => {
  it('points table references at the local table and DynamoDB, naming what stays unset', () => {
    const { Fn } = readFunctions({
      Resources: {
        Fn: fnResource({
          Code: { ZipFile: 'x' },
          Environment: {
            Variables: {
              PLAIN: 'v',
              TABLE_NAME: { Ref: 'Table' },
              TABLE_ARN: { 'Fn::GetAtt': ['Table', 'Arn'] },
              POOL: { Ref: 'UserPool' },
            },
          },
        }),
      },
    });
    expect(
      localVariables(
        Fn!,
        { tables: { Table: 'items-local' }, dynamodbEndpoint: 'http://127.0.0.1:9' },
        LOCAL_ACCOUNT,
      ),
    ).toEqual({
      variables: {
        PLAIN: 'v',
        TABLE_NAME: 'items-local',
        TABLE_ARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/items-local',
        AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
        DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
      },
      unresolved: ['POOL'],
    });
  });
});

describe('readTables', () => {
  it('reads keys, attributes, indexes and TTL as CreateTable takes them', () => {
    const [table] = readTables({
      Resources: {
        T: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            TableName: 'orders',
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            AttributeDefinitions: [
              { AttributeName: 'pk', AttributeType: 'S' },
              { AttributeName: 'gsi', AttributeType: 'N' },
            ],
            GlobalSecondaryIndexes: [
              { IndexName: 'byGsi', KeySchema: [{ AttributeName: 'gsi', KeyType: 'HASH' }] },
            ],
            TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
            ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
          },
        },
      },
    });
    expect(table).toEqual({
      logicalId: 'T',
      tableName: 'orders',
      ttlAttribute: 'ttl',
      create: {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'gsi', AttributeType: 'N' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byGsi',
            KeySchema: [{ AttributeName: 'gsi', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      },
    });
  });
});
