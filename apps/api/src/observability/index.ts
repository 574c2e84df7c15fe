import type { Config } from '../config';
import { createLogger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import { XRayDaemonEmitter } from './xray-daemon';

export type Observability = {
  logger: Logger;
  /** Absent when metrics are switched off (POWERTOOLS_METRICS_DISABLED=true). */
  metrics?: Metrics;
  /** DynamoDB subsegments for X-Ray; absent when tracing is switched off. */
  xray?: XRayDaemonEmitter;
};

/** Logger, metrics and tracing of the items function, built once per cold start. */
export function createObservability(
  config: Pick<
    Config,
    'logLevel' | 'serviceName' | 'metricsNamespace' | 'tracingEnabled' | 'metricsDisabled'
  >,
): Observability {
  return {
    logger: createLogger({ level: config.logLevel, serviceName: config.serviceName }),
    ...(config.metricsDisabled
      ? {}
      : {
          metrics: createMetrics({
            namespace: config.metricsNamespace,
            serviceName: config.serviceName,
          }),
        }),
    ...(config.tracingEnabled ? { xray: new XRayDaemonEmitter() } : {}),
  };
}

export { observeDynamoDB } from './dynamodb-observer';
export { observabilityMiddlewares } from './handler-middlewares';
export { noteIdempotentReplay, runInRequestScope } from './request-scope';
export { createLogger, type Logger, createMetrics, type Metrics };
