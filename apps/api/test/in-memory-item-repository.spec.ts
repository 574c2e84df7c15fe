import { InMemoryItemRepository } from './in-memory-item-repository';
import { describeItemRepositoryContract } from './item-repository-contract';

// The same suite runs on DynamoDB Local in tools/local/test/item-repository-contract.spec.ts.
describeItemRepositoryContract('InMemoryItemRepository', () => new InMemoryItemRepository());
