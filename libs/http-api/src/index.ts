// One model of API Gateway's HTTP API: how it selects a route, decodes a path and a query, writes
// a payload format 2.0 event and reads a function's result, answers CORS and HEAD, and its own
// answers. The functions behind it, the local gateway and the tests' events all use it.
export { DEFAULT_ROUTE_KEY, parseRouteKey, routePathPattern, toRouteKey } from './route-key';
export { createRouteSelector, type SelectedRoute } from './route-selection';
export { headRouteKey, routedMethod, routedRouteKey, withHead, withoutBody } from './head-requests';
export { readRequestPath, type RequestPath } from './request-path';
export { isPlainPath, normalisePath } from './normalise-path';
export { joinQueryParameters, parseQuery, type QueryPair } from './query';
export {
  addForwardedHeaders,
  joinRawHeaders,
  requestHeadSize,
  type Connection,
} from './gateway-headers';
export { domainOf, gatewayTime, isTextMediaType, mediaTypeOf, traceHeader } from './event-fields';
export {
  buildEvent,
  type ApiIdentity,
  type EventContext,
  type HttpApiEvent,
  type IncomingRequest,
  type JwtAuthorizerContext,
} from './build-event';
export { encodePath, requestBody, requestHeaders } from './read-request';
export { DEFAULT_CONTENT_TYPE, jsonResponse, readResult, type HttpResponse } from './read-result';
export { applyCors, isCorsEnabled, isPreflight, preflightHeaders, type CorsConfig } from './cors';
export { gatewayBody, GatewayMessages, type GatewayMessage } from './gateway-answers';
export {
  AuthorizerResultCache,
  buildAuthorizerEvent,
  createLambdaAuthorizer,
  identityValues,
  readAuthorizerResult,
  routeArn,
  type AuthorizerEvent,
  type AuthorizerVerdict,
  type InvokeAuthorizer,
  type LambdaAuthorizer,
  type LambdaAuthorizerSettings,
  type RouteLocation,
} from './lambda-authorizer';
