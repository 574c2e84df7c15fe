// Test doubles of what Lambda hands a function: API Gateway's payload 2.0 events and the
// invocation context. For tests and tools only (lint keeps the apps' sources from importing it).
export {
  createRouteEvent,
  createTestEvent,
  type TestEvent,
  type TestEventOptions,
} from './create-test-event';
export { createTestContext } from './create-test-context';
