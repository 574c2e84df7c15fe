// Test doubles for the tools that drive the handler in-process (benchmarks); not part of the
// function, and not exported from the project's index.
export { InMemoryItemRepository } from './in-memory-item-repository';
