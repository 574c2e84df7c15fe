import {
  DynamoDBDocumentClient,
  GetCommand,
  ScanCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { backfillTagIndex } from './backfill-tag-index';

const record = (version: number, tags: string[]) => ({
  PK: 'OWNER#alice',
  SK: 'ITEM#01JD8X3ZK5N2M4Q7R9T1V3W5Y7',
  id: '01JD8X3ZK5N2M4Q7R9T1V3W5Y7',
  name: 'Boots',
  tags,
  createdAt: '2026-11-25T09:30:00.000Z',
  updatedAt: '2026-11-25T09:30:00.000Z',
  version,
});

/** What DynamoDB answers when a transaction is cancelled (TransactWriteItems API reference). */
const cancelled = (code: string) =>
  Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: [{ Code: code }],
  });

describe('backfillTagIndex (faults injected)', () => {
  const client = mockClient(DynamoDBDocumentClient);
  const run = () => backfillTagIndex(client as unknown as DynamoDBDocumentClient, 'items');
  afterEach(() => client.reset());

  it('skips an item changed since the scan: its own write put its copies', async () => {
    client.on(ScanCommand).resolves({ Items: [record(1, ['red'])] });
    client.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed'));
    expect(await run()).toEqual({ items: 1, indexed: 0, changed: 1 });
  });

  it('reads the item again after a conflicting transaction and indexes what is there now', async () => {
    client.on(ScanCommand).resolves({ Items: [record(1, ['red'])] });
    client.on(TransactWriteCommand).rejectsOnce(cancelled('TransactionConflict')).resolves({});
    client.on(GetCommand).resolves({ Item: record(2, ['blue']) });
    expect(await run()).toEqual({ items: 1, indexed: 1, changed: 0 });
    const [, second] = client.commandCalls(TransactWriteCommand);
    expect(second!.args[0].input.TransactItems).toEqual([
      expect.objectContaining({
        ConditionCheck: expect.objectContaining({ ExpressionAttributeValues: { ':version': 2 } }),
      }),
      {
        Put: expect.objectContaining({
          Item: expect.objectContaining({ SK: 'TAG#blue#01JD8X3ZK5N2M4Q7R9T1V3W5Y7' }),
        }),
      },
    ]);
  });

  it('writes nothing for untagged items and ignores records that are not items', async () => {
    client.on(ScanCommand).resolves({
      Items: [record(1, []), { PK: 'OWNER#alice', SK: 'TAG#red#01JD8X3ZK5N2M4Q7R9T1V3W5Y7' }],
    });
    expect(await run()).toEqual({ items: 1, indexed: 0, changed: 0 });
    expect(client.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
