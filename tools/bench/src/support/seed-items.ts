import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { itemRecords } from '@items-api/api';
import { monotonicFactory } from 'ulid';
import { progressBar } from './progress';
import { sampleItem } from './sample-item';

const BATCH_SIZE = 25; // BatchWriteItem's limit
const MAX_ATTEMPTS = 8;

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One batch, retrying what DynamoDB leaves unprocessed with exponential backoff. */
async function writeBatch(
  client: DynamoDBDocumentClient,
  tableName: string,
  requests: WriteRequest[],
): Promise<void> {
  let pending = requests;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > MAX_ATTEMPTS) {
      throw new Error(
        `seeding: ${pending.length} items still unprocessed after ${MAX_ATTEMPTS} tries`,
      );
    }
    if (attempt > 1) await pause(Math.min(1000, 25 * 2 ** attempt));
    const result = await client.send(
      new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
    );
    pending = (result.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
  }
}

/**
 * Writes `count` items for `owner` with the real record layout (each item and its tag-index
 * copies, as the repository writes them; BatchWrite, 25 a batch, `parallel` batches in flight),
 * ids ascending in time as ULIDs are; `tags` overrides the sample item's tags of item `n`.
 * Shows a progress bar on stderr.
 */
export async function seedItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  {
    owner,
    count,
    parallel = 8,
    tags,
  }: { owner: string; count: number; parallel?: number; tags?: (n: number) => string[] },
): Promise<string[]> {
  const ids: string[] = [];
  const nextId = monotonicFactory();
  const start = Date.now() - count * 1000;
  const requests: WriteRequest[] = Array.from({ length: count }, (_, n) => {
    const sample = sampleItem(nextId(start + n * 1000), new Date(start + n * 1000), n);
    const item = tags ? { ...sample, tags: tags(n) } : sample;
    ids.push(item.id);
    return itemRecords(owner, item).map((record) => ({ PutRequest: { Item: record } }));
  }).flat();
  const bar = progressBar(`seeding ${owner}`, requests.length);
  let nextBatch = 0;
  let written = 0;
  const worker = async () => {
    while (nextBatch * BATCH_SIZE < requests.length) {
      const from = nextBatch++ * BATCH_SIZE;
      const batch = requests.slice(from, from + BATCH_SIZE);
      await writeBatch(client, tableName, batch);
      written += batch.length;
      bar.update(written);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  bar.finish();
  return ids;
}
