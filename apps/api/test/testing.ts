// Test doubles and the repository contract suite for the tools that drive the function
// in-process (benchmarks, the local server's tests); not part of the function, and not exported
// from the project's index.
export { InMemoryItemRepository } from './in-memory-item-repository';
export { describeItemRepositoryContract } from './item-repository-contract';
