import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient, ItemKeys } from '@items-api/api';
import { ensureTable, startDynamoDbLocal, type DynamoDbLocal } from '@items-api/local';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { resolve } from 'node:path';
import { buildApiBundle } from './build-api';
import { status } from './progress';

export type DynamoSession = {
  readonly endpoint: string;
  /** A document client built the way the handler builds its own. */
  readonly documentClient: DynamoDBDocumentClient;
  /** A fresh table with the stack's key layout (PK, SK, TTL attribute). */
  createTable(name: string): Promise<string>;
};

/**
 * What the benchmarks share: one in-memory DynamoDB Local (a JVM start costs seconds) and one
 * API build, each made on first use; `close()` stops everything that was started.
 */
export class BenchContext {
  readonly root = resolve(__dirname, '../../../..');
  private dynamoLocal?: Promise<DynamoDbLocal>;
  private session?: Promise<DynamoSession>;
  private bundle?: string;
  private readonly cleanups: (() => Promise<void> | void)[] = [];

  apiBundle(): string {
    if (!this.bundle) {
      status('building the api bundle (nx run api:build)…');
      this.bundle = buildApiBundle(this.root);
    }
    return this.bundle;
  }

  dynamo(): Promise<DynamoSession> {
    this.session ??= this.startDynamo();
    return this.session;
  }

  /** Runs at `close()`, last registered first. */
  onClose(cleanup: () => Promise<void> | void): void {
    this.cleanups.push(cleanup);
  }

  /**
   * Registers `stop` for `close()` (an error or Ctrl-C) and returns it, made idempotent, for the
   * benchmark to call as soon as it is done with what it started.
   */
  track(stop: () => Promise<void>): () => Promise<void> {
    let stopped: Promise<void> | undefined;
    const once = () => (stopped ??= stop());
    this.onClose(once);
    return once;
  }

  async close(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0).reverse()) {
      await Promise.resolve()
        .then(cleanup)
        .catch((error: Error) => status(`cleanup failed: ${error.message}`));
    }
    if (this.dynamoLocal) await (await this.dynamoLocal.catch(() => undefined))?.stop();
  }

  private async startDynamo(): Promise<DynamoSession> {
    status('starting DynamoDB Local (in memory)…');
    this.dynamoLocal = startDynamoDbLocal({ inMemory: true });
    const { endpoint } = await this.dynamoLocal;
    const documentClient = createDocumentClient({
      region: 'us-east-1',
      dynamodbEndpoint: endpoint,
    });
    const adminClient = new DynamoDBClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    this.onClose(() => {
      documentClient.destroy();
      adminClient.destroy();
    });
    return {
      endpoint,
      documentClient,
      createTable: async (name) => {
        await ensureTable(adminClient, name, {
          partitionKey: ItemKeys.partitionKey,
          sortKey: ItemKeys.sortKey,
          ttlAttribute: ItemKeys.ttlAttribute,
        });
        return name;
      },
    };
  }
}
