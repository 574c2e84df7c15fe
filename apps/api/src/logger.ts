// The function's logger is Powertools Logger; see observability/logger.ts.
export { createLogger, type Logger } from './observability/logger';
