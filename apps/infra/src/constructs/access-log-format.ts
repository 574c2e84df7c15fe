import { AccessLogField as F, AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';

/**
 * One JSON object per request, so Logs Insights can filter on any field. `integrationError`
 * carries the gateway's reason when the function could not be called or failed.
 */
export const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: F.contextRequestId(),
    requestTime: F.contextRequestTime(),
    ip: F.contextIdentitySourceIp(),
    routeKey: F.contextRouteKey(),
    method: F.contextHttpMethod(),
    path: F.contextPath(),
    status: F.contextStatus(),
    latency: F.contextResponseLatency(),
    integrationLatency: F.contextIntegrationLatency(),
    integrationError: F.contextIntegrationErrorMessage(),
    authorizerError: F.contextAuthorizerError(),
    responseLength: F.contextResponseLength(),
  }),
);
