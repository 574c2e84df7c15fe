import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '../config';

export type { Logger };

/**
 * Powertools Logger: one JSON object per line with `level`, `message`, `timestamp`, `service`,
 * `cold_start`, `function_request_id`, `xray_trace_id` and (per request) `correlation_id`.
 * Lambda's advanced logging controls (AWS_LAMBDA_LOG_LEVEL) override `level`: the Logger reads
 * that variable itself. Nothing here ever logs a token, a body or a claim other than `sub`.
 */
export function createLogger(options: { level?: LogLevel; serviceName: string }): Logger {
  return new Logger({
    serviceName: options.serviceName,
    // Only a level the environment names: given one, the Logger would warn whenever Lambda's
    // advanced logging controls ask for a stricter one.
    ...(options.level ? { logLevel: options.level.toUpperCase() as Uppercase<LogLevel> } : {}),
  });
}
