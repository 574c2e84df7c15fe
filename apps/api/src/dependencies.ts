import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { Config } from './config';
import type { HandlerDeps } from './create-handler';
import { CursorCodec } from './items/cursor';
import { DynamoItemRepository } from './items/dynamo-item-repository';
import { createObservability, observeDynamoDB, type Observability } from './observability';

/** A DocumentClient for the configured DynamoDB; local endpoints get placeholder credentials. */
export function createDocumentClient(
  config: Pick<Config, 'region' | 'dynamodbEndpoint'>,
  observability?: Pick<Observability, 'xray'>,
): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: config.region,
    maxAttempts: 3,
    // Without timeouts a stalled connection would hold the function until Lambda kills it (a
    // gateway 500); with them, three bounded attempts end in a 503 + Retry-After well inside it.
    // throwOnRequestTimeout: without it the SDK only logs a warning when requestTimeout passes.
    requestHandler: {
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
      throwOnRequestTimeout: true,
    },
    ...(config.dynamodbEndpoint
      ? {
          endpoint: config.dynamodbEndpoint,
          credentials: {
            accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'local',
            secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
          },
        }
      : {}),
  });
  // Every call's attempts, throttles and time go to the request's log line and metrics, and to
  // X-Ray as a DynamoDB subsegment when the invocation is traced.
  if (observability) observeDynamoDB(client, { region: config.region, xray: observability.xray });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** Everything the handler needs, built once per cold start. */
export function createDependencies(
  config: Config,
  documentClient?: DynamoDBDocumentClient,
): HandlerDeps {
  const observability = createObservability(config);
  return {
    logger: observability.logger,
    metrics: observability.metrics,
    repo: new DynamoItemRepository(
      documentClient ?? createDocumentClient(config, observability),
      config.tableName,
    ),
    cursors: new CursorCodec(config.cursorKey),
    clock: () => new Date(),
    ids: () => ulid(),
    idempotencyTtlSeconds: config.idempotencyTtlSeconds,
  };
}
