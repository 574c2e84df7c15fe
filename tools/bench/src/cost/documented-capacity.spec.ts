import { billableUnits, documentedUnits, reportedUnits, StoredSizes } from './documented-capacity';

const small = { PK: 'OWNER#a', SK: 'ITEM#1', name: 'boots' };
const big = { PK: 'OWNER#a', SK: 'ITEM#2', text: 'x'.repeat(3000) };

describe('documented capacity of one call', () => {
  it('charges a consistent GetItem one unit, found or not', () => {
    expect(documentedUnits('GetItemCommand', { ConsistentRead: true }, { Item: small })).toBe(1);
    expect(documentedUnits('GetItemCommand', { ConsistentRead: true }, {})).toBe(1);
  });

  it('charges an eventually consistent Query half a unit per 4 KB of items read', () => {
    expect(documentedUnits('QueryCommand', {}, { Items: [big, big] })).toBe(1);
    expect(documentedUnits('QueryCommand', {}, { Items: [] })).toBe(0.5);
  });

  it('charges a PutItem by the item written and an UpdateItem by its new image', () => {
    expect(documentedUnits('PutItemCommand', { Item: big }, {})).toBe(3);
    expect(documentedUnits('UpdateItemCommand', {}, { Attributes: small })).toBe(1);
  });

  it('doubles the units of each item put in a transaction', () => {
    const input = { TransactItems: [{ Put: { Item: small } }, { Put: { Item: big } }] };
    expect(documentedUnits('TransactWriteItemsCommand', input, {})).toBe(8);
  });

  it('cannot tell what a DeleteItem removed', () => {
    expect(documentedUnits('DeleteItemCommand', {}, {})).toBeUndefined();
  });
});

describe('documented capacity with the sizes of records written earlier', () => {
  const key = (item: Record<string, unknown>) => ({ PK: item.PK, SK: item.SK });

  it('charges a delete, alone or in a transaction, by the item it removes', () => {
    const stored = new StoredSizes();
    stored.apply('PutItemCommand', { TableName: 't', Item: big });
    stored.apply('TransactWriteItemsCommand', {
      TransactItems: [{ Put: { TableName: 't', Item: small } }],
    });
    expect(
      documentedUnits('DeleteItemCommand', { TableName: 't', Key: key(big) }, {}, stored.sizeOf),
    ).toBe(3);
    const both = {
      TransactItems: [
        { Delete: { TableName: 't', Key: key(big) } },
        { Delete: { TableName: 't', Key: key(small) } },
      ],
    };
    expect(documentedUnits('TransactWriteItemsCommand', both, {}, stored.sizeOf)).toBe(8);
    const unseen = { TransactItems: [{ Delete: { TableName: 'other', Key: key(big) } }] };
    expect(documentedUnits('TransactWriteItemsCommand', unseen, {}, stored.sizeOf)).toBeUndefined();
  });

  it('charges a put that overwrites by the larger of the old and new item', () => {
    const stored = new StoredSizes();
    stored.apply('PutItemCommand', { TableName: 't', Item: { ...small, text: 'x'.repeat(3000) } });
    expect(
      documentedUnits('PutItemCommand', { TableName: 't', Item: small }, {}, stored.sizeOf),
    ).toBe(3);
  });

  it('learns sizes from a BatchWrite (seeding)', () => {
    const stored = new StoredSizes();
    stored.apply('BatchWriteItemCommand', { RequestItems: { t: [{ PutRequest: { Item: big } }] } });
    expect(stored.sizeOf('t', key(big))).toBeGreaterThan(3000);
  });

  it('forgets what was deleted', () => {
    const stored = new StoredSizes();
    stored.apply('PutItemCommand', { TableName: 't', Item: big });
    stored.apply('DeleteItemCommand', { TableName: 't', Key: key(big) });
    expect(stored.sizeOf('t', key(big))).toBeUndefined();
  });
});

describe('reported and billable units', () => {
  it('sums ConsumedCapacity objects and lists', () => {
    expect(reportedUnits({ CapacityUnits: 1 })).toBe(1);
    expect(reportedUnits([{ CapacityUnits: 16 }, { CapacityUnits: 2 }])).toBe(18);
    expect(reportedUnits(undefined)).toBeUndefined();
  });

  it('prices the documented units, and the reported ones where the call shows no item', () => {
    expect(billableUnits(1, 1)).toBe(1);
    expect(billableUnits(16, 8)).toBe(8);
    expect(billableUnits(3, undefined)).toBe(3);
    expect(billableUnits(undefined, undefined)).toBe(0);
  });
});
