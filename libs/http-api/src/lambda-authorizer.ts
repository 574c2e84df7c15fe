// API Gateway HTTP API's Lambda authorizer (`AuthorizerType: REQUEST`, payload format 2.0), per
// the AWS guide "Working with AWS Lambda authorizers for HTTP APIs" and Powertools' captures
// (`packages/parser/tests/events/apigw-http/authorizer-request.json` for the authorizer's event,
// `lambda-authorizer-auth.json` for the function's).
import {
  buildEvent,
  type EventContext,
  type HttpApiEvent,
  type IncomingRequest,
} from './build-event';
import { GatewayMessages, type GatewayMessage } from './gateway-answers';

export type LambdaAuthorizerSettings = {
  /** `$request.header.Name` / `$request.querystring.name` expressions, in order. */
  identitySource: readonly string[];
  /** `EnableSimpleResponses`: `{isAuthorized, context}` instead of an IAM policy. */
  simpleResponses: boolean;
  /** `AuthorizerResultTtlInSeconds`: 0 disables caching. */
  resultTtlSeconds: number;
};

/** The payload format 2.0 event a Lambda authorizer receives. */
export type AuthorizerEvent = Omit<HttpApiEvent, 'body' | 'isBase64Encoded'> & {
  type: 'REQUEST';
  routeArn: string;
  identitySource: string[];
};

/** Where the request is: the route's ARN is built from it. */
export type RouteLocation = { region: string; accountId: string; apiId: string; stage: string };

/** What the gateway does with the request: pass it on with the authorizer's context, or answer. */
export type AuthorizerVerdict =
  { ok: true; context: Record<string, unknown> | null } | { ok: false; answer: GatewayMessage };

/** Runs the authorizer's function: its result, or none when the invocation failed. */
export type InvokeAuthorizer = (
  event: AuthorizerEvent,
) => Promise<{ ok: true; result: unknown } | { ok: false }>;

/**
 * `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{method}/{path}` with the path's leading
 * slash dropped, as the captured `routeArn` (`…:lsw1ro4ipb/$default/POST/lambda` for `/lambda`).
 */
export const routeArn = (where: RouteLocation, method: string, path: string) =>
  `arn:aws:execute-api:${where.region}:${where.accountId}:${where.apiId}/${where.stage}/${method}/${path.replace(/^\//, '')}`;

/**
 * The identity sources' values, in order; `undefined` when one is missing or empty, which the
 * gateway answers with 401 without calling the function ("If a specified identity source is
 * missing, null, or empty, API Gateway returns a 401 Unauthorized response without calling your
 * authorizer Lambda function").
 */
export function identityValues(
  identitySource: readonly string[],
  event: Pick<HttpApiEvent, 'headers' | 'queryStringParameters'>,
): string[] | undefined {
  const values: string[] = [];
  for (const source of identitySource) {
    const [, where, name = ''] = /^\$request\.(header|querystring)\.(.+)$/.exec(source) ?? [];
    const value =
      where === 'header'
        ? event.headers[name.toLowerCase()]
        : where === 'querystring'
          ? event.queryStringParameters?.[name]
          : undefined;
    if (!value) return undefined;
    values.push(value);
  }
  return values;
}

/**
 * The authorizer's event: the route's payload 2.0 event without a body, with `type`, `routeArn`
 * and the identity sources' values (the captured key order: version, type, routeArn,
 * identitySource, routeKey, …).
 */
export function buildAuthorizerEvent(
  request: Omit<IncomingRequest, 'body'>,
  context: Omit<EventContext, 'authorizer' | 'lambdaAuthorizer'>,
  authorizer: { routeArn: string; identitySource: string[] },
): AuthorizerEvent {
  const {
    version,
    body: _body,
    isBase64Encoded: _isBase64Encoded,
    ...rest
  } = buildEvent({ ...request, body: new Uint8Array() }, context);
  return {
    version,
    type: 'REQUEST',
    routeArn: authorizer.routeArn,
    identitySource: authorizer.identitySource,
    ...rest,
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An IAM policy's `Resource` pattern: `*` any run of characters, `?` any one (IAM policy grammar). */
const matchesArn = (pattern: string, arn: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(arn);

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

type Statement = { Effect?: unknown; Action?: unknown; Resource?: unknown };

/**
 * Whether an IAM policy lets the request invoke `arn`: an explicit `Deny` of
 * `execute-api:Invoke` on it wins, then an `Allow`; no statement about it denies ("Output from an
 * API Gateway Lambda authorizer"; IAM policy evaluation logic). `undefined` for a document that
 * is not a policy.
 */
function policyAllows(document: unknown, arn: string): boolean | undefined {
  if (!isRecord(document)) return undefined;
  const statements = listOf(document['Statement']);
  if (!statements.length || !statements.every(isRecord)) return undefined;
  const applies = (statement: Statement) =>
    listOf(statement.Action).some(
      (action) => typeof action === 'string' && matchesArn(action, 'execute-api:Invoke'),
    ) &&
    listOf(statement.Resource).some(
      (resource) => typeof resource === 'string' && matchesArn(resource, arn),
    );
  const relevant = (statements as Statement[]).filter(applies);
  if (relevant.some((s) => s.Effect === 'Deny')) return false;
  return relevant.some((s) => s.Effect === 'Allow');
}

const contextOf = (value: unknown): Record<string, unknown> | null | undefined =>
  value === undefined || value === null ? null : isRecord(value) ? value : undefined;

/**
 * What the gateway makes of the authorizer's result for a request to `arn`. Simple responses:
 * `isAuthorized: true` passes the request with `context`, `false` is 403. IAM policy responses:
 * a policy allowing `execute-api:Invoke` on the route passes it with `context`, one that does
 * not is 403. Anything else (no boolean `isAuthorized`, no `principalId` and policy document, a
 * `context` that is not an object) is 500, as a failed authorizer is; AWS does not document the
 * status for a malformed response, so the stricter one is taken.
 */
export function readAuthorizerResult(
  result: unknown,
  settings: Pick<LambdaAuthorizerSettings, 'simpleResponses'>,
  arn: string,
): AuthorizerVerdict {
  const internal = { ok: false, answer: GatewayMessages.internal } as const;
  const forbidden = { ok: false, answer: GatewayMessages.forbidden } as const;
  if (!isRecord(result)) return internal;
  const context = contextOf(result['context']);
  if (context === undefined) return internal;
  if (settings.simpleResponses) {
    if (typeof result['isAuthorized'] !== 'boolean') return internal;
    return result['isAuthorized'] ? { ok: true, context } : forbidden;
  }
  if (typeof result['principalId'] !== 'string') return internal;
  const allows = policyAllows(result['policyDocument'], arn);
  if (allows === undefined) return internal;
  return allows ? { ok: true, context } : forbidden;
}

/**
 * Authorizer results by identity, for `resultTtlSeconds` from when the function returned them
 * ("API Gateway caches the authorizer's response … the cache key is the identity sources").
 * The clock is injected: tests move it instead of waiting.
 */
export class AuthorizerResultCache {
  private readonly entries = new Map<string, { result: unknown; until: number }>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  get(identity: readonly string[]): { result: unknown } | undefined {
    const key = JSON.stringify(identity);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > this.now()) return { result: entry.result };
    this.entries.delete(key);
    return undefined;
  }

  set(identity: readonly string[], result: unknown): void {
    if (this.ttlSeconds <= 0) return;
    if (this.entries.size >= this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(JSON.stringify(identity), {
      result,
      until: this.now() + this.ttlSeconds * 1000,
    });
  }
}

/**
 * A Lambda authorizer in front of the routes that name it: 401 when an identity source is
 * missing or empty (the function is not called); else the cached result for these identity
 * values, or the function's; a failed invocation is 500 ("If the authorizer fails, API Gateway
 * returns a 500 Internal Server Error"). A cached IAM policy is evaluated again for each
 * request's route, as the gateway caches the response, not the decision.
 */
export function createLambdaAuthorizer(
  settings: LambdaAuthorizerSettings,
  invoke: InvokeAuthorizer,
  now: () => number = Date.now,
) {
  const cache = new AuthorizerResultCache(settings.resultTtlSeconds, now);
  return async (
    request: Omit<IncomingRequest, 'body'>,
    context: Omit<EventContext, 'authorizer' | 'lambdaAuthorizer'>,
    where: RouteLocation,
  ): Promise<AuthorizerVerdict> => {
    const arn = routeArn(where, request.method, request.path);
    const event = buildAuthorizerEvent(request, context, { routeArn: arn, identitySource: [] });
    const identity = identityValues(settings.identitySource, event);
    if (!identity) return { ok: false, answer: GatewayMessages.unauthorized };
    event.identitySource = identity;
    let cached = settings.identitySource.length ? cache.get(identity) : undefined;
    if (!cached) {
      const outcome = await invoke(event);
      if (!outcome.ok) return { ok: false, answer: GatewayMessages.internal };
      cached = { result: outcome.result };
      if (settings.identitySource.length) cache.set(identity, outcome.result);
    }
    return readAuthorizerResult(cached.result, settings, arn);
  };
}

export type LambdaAuthorizer = ReturnType<typeof createLambdaAuthorizer>;
