import {
  createTestContext,
  createTestEvent as createEvent,
  type TestEventOptions,
} from '@items-api/test-events';

/**
 * `@items-api/test-events`' builder with the request id the api's log assertions name as the
 * correlation id (`req-1`); kept for the specs that import it from here.
 */
export const createTestEvent = (options: TestEventOptions = {}) =>
  createEvent({ requestId: 'req-1', ...options });

export const testContext = createTestContext();
