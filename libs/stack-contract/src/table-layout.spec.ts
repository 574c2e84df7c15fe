import { TableLayout } from './table-layout';

describe('TableLayout', () => {
  // A key attribute is fixed when the table is created: CloudFormation replaces (empties) a table
  // whose KeySchema changes, so these names are a compatibility promise to every deployed stage.
  it('keeps the key and TTL names deployed tables were created with', () => {
    expect(TableLayout).toEqual({ partitionKey: 'PK', sortKey: 'SK', ttlAttribute: 'expiresAt' });
  });
});
