import {
  literalStrings,
  optionalNumber,
  props,
  referencedId,
  resourcesOfType,
  TemplateReadError,
  type CfnResource,
  type CfnTemplate,
} from './cfn-template';

/** A JWT authorizer of the HTTP API, as the local gateway enforces it. */
export type JwtAuthorizerConfig = {
  readonly type: 'jwt';
  /** The request header the token is read from, lower-case (`$request.header.Authorization`). */
  readonly identityHeader: string;
  /** `JwtConfiguration.Issuer` when it is a plain string. */
  readonly issuer?: string;
  /** `Audience` entries that are plain strings in the template. */
  readonly audience: readonly string[];
  /**
   * Whether some `Audience` entries resolve only at deploy time (a Cognito app client's id):
   * the local issuer's audience stands in for them.
   */
  readonly hasDeployTimeAudience: boolean;
};

/**
 * A Lambda authorizer (`AuthorizerType: REQUEST`) of the HTTP API: its function, identity
 * sources, response format and cache TTL (AWS guide "Working with AWS Lambda authorizers for
 * HTTP APIs").
 */
export type LambdaAuthorizerConfig = {
  readonly type: 'lambda';
  /** Logical id of the authorizer's function. */
  readonly functionId: string;
  /** `$request.header.*` / `$request.querystring.*` expressions, in the template's order. */
  readonly identitySource: readonly string[];
  readonly simpleResponses: boolean;
  /** `AuthorizerResultTtlInSeconds`; 0 (no caching) when the template leaves it out. */
  readonly resultTtlSeconds: number;
};

export type AnyAuthorizerConfig = JwtAuthorizerConfig | LambdaAuthorizerConfig;

/** The first JWT authorizer and the scopes of the routes JWT authorizers guard (local issuer). */
export type AuthorizerConfig = Omit<JwtAuthorizerConfig, 'type' | 'issuer'> & {
  /** Each JWT route's `AuthorizationScopes`, by route key; routes without scopes are absent. */
  readonly routeScopes: Readonly<Record<string, readonly string[]>>;
};

const DEFAULT_IDENTITY_SOURCE = '$request.header.Authorization';
/** AWS caps an HTTP API Lambda authorizer's result TTL at an hour. */
const MAX_RESULT_TTL_SECONDS = 3600;

function identityHeaderOf(authorizerId: string, source: unknown): string {
  const sources = source === undefined ? [DEFAULT_IDENTITY_SOURCE] : literalStrings(source);
  const header = sources?.length === 1 ? /^\$request\.header\.(.+)$/.exec(sources[0] ?? '') : null;
  if (!header?.[1]) {
    throw new TemplateReadError(
      `authorizer ${authorizerId}: identity source ${JSON.stringify(source)} is not emulated (one $request.header.* only)`,
    );
  }
  return header[1].toLowerCase();
}

function readJwtAuthorizer(id: string, authorizer: CfnResource): JwtAuthorizerConfig {
  const p = props(authorizer);
  const config = (p['JwtConfiguration'] ?? {}) as Record<string, unknown>;
  const audience = Array.isArray(config['Audience']) ? (config['Audience'] as unknown[]) : [];
  const issuer = config['Issuer'];
  return {
    type: 'jwt',
    identityHeader: identityHeaderOf(id, p['IdentitySource']),
    ...(typeof issuer === 'string' ? { issuer } : {}),
    audience: audience.filter((a): a is string => typeof a === 'string'),
    hasDeployTimeAudience: audience.some((a) => typeof a !== 'string'),
  };
}

function readLambdaAuthorizer(id: string, authorizer: CfnResource): LambdaAuthorizerConfig {
  const p = props(authorizer);
  const version = p['AuthorizerPayloadFormatVersion'];
  if (version !== '2.0') {
    throw new TemplateReadError(
      `Lambda authorizer ${id}: payload format ${String(version ?? '(none)')} is not emulated (2.0 only)`,
    );
  }
  const functionId = referencedId(p['AuthorizerUri']);
  if (!functionId) {
    throw new TemplateReadError(
      `Lambda authorizer ${id}: its AuthorizerUri does not name a function of this template`,
    );
  }
  const identitySource =
    p['IdentitySource'] === undefined ? [] : literalStrings(p['IdentitySource']);
  const unsupported = (identitySource ?? [undefined]).find(
    (source) => !/^\$request\.(header|querystring)\.[^.]+$/.test(source ?? ''),
  );
  if (!identitySource || unsupported !== undefined) {
    throw new TemplateReadError(
      `Lambda authorizer ${id}: identity source ${JSON.stringify(p['IdentitySource'])} is not emulated ($request.header.* and $request.querystring.* only)`,
    );
  }
  const ttl = optionalNumber(p['AuthorizerResultTtlInSeconds']) ?? 0;
  if (ttl < 0 || ttl > MAX_RESULT_TTL_SECONDS) {
    throw new TemplateReadError(`Lambda authorizer ${id}: result TTL ${ttl} is not 0–3600 seconds`);
  }
  if (ttl > 0 && !identitySource.length) {
    throw new TemplateReadError(
      `Lambda authorizer ${id}: caching (a result TTL) needs identity sources to key the cache`,
    );
  }
  return {
    type: 'lambda',
    functionId,
    identitySource,
    simpleResponses: p['EnableSimpleResponses'] === true,
    resultTtlSeconds: ttl,
  };
}

/**
 * Every authorizer of the HTTP API, by logical id: JWT authorizers (identity header, issuer,
 * audience) and Lambda authorizers (function, identity sources, response format, cache TTL).
 * @throws TemplateReadError naming an authorizer the local gateway cannot emulate.
 */
export function readAuthorizers(
  template: CfnTemplate,
  apiId: string,
): Record<string, AnyAuthorizerConfig> {
  return Object.fromEntries(
    resourcesOfType(template, 'AWS::ApiGatewayV2::Authorizer')
      .filter(([, r]) => referencedId(props(r)['ApiId']) === apiId)
      .map(([id, authorizer]): [string, AnyAuthorizerConfig] => {
        const type = props(authorizer)['AuthorizerType'];
        if (type === 'JWT') return [id, readJwtAuthorizer(id, authorizer)];
        if (type === 'REQUEST') return [id, readLambdaAuthorizer(id, authorizer)];
        throw new TemplateReadError(`authorizer ${id}: type ${String(type)} is not emulated`);
      }),
  );
}

/**
 * The HTTP API's first JWT authorizer (identity source, audience) and the `AuthorizationScopes`
 * of the routes JWT authorizers guard, read from the synthesized template so the local gateway
 * enforces what the stack deploys.
 * @throws TemplateReadError for an identity source other than one request header, or for
 *   scopes that are not plain strings.
 */
export function readAuthorizer(template: CfnTemplate, apiId: string): AuthorizerConfig {
  const ofApi = ([, r]: [string, CfnResource]) => referencedId(props(r)['ApiId']) === apiId;
  const jwt = Object.values(readAuthorizers(template, apiId)).find(
    (a): a is JwtAuthorizerConfig => a.type === 'jwt',
  );
  const routeScopes: Record<string, readonly string[]> = {};
  for (const [id, route] of resourcesOfType(template, 'AWS::ApiGatewayV2::Route').filter(ofApi)) {
    const p = props(route);
    if (p['AuthorizationType'] !== 'JWT' || p['AuthorizationScopes'] === undefined) continue;
    const scopes = literalStrings(p['AuthorizationScopes']);
    if (!scopes) throw new TemplateReadError(`route ${id}: AuthorizationScopes must be strings`);
    if (scopes.length) routeScopes[String(p['RouteKey'])] = scopes;
  }
  return {
    identityHeader: jwt?.identityHeader ?? identityHeaderOf('(none)', undefined),
    audience: jwt?.audience ?? [],
    hasDeployTimeAudience: jwt?.hasDeployTimeAudience ?? false,
    routeScopes,
  };
}

/**
 * The audiences the local authorizer accepts: the template's plain ones, plus the local issuer's
 * audience standing in for those CloudFormation resolves at deploy time.
 */
export const localAudiences = (
  config: Pick<JwtAuthorizerConfig, 'audience' | 'hasDeployTimeAudience'>,
  standIn: string,
): string[] => [...config.audience, ...(config.hasDeployTimeAudience ? [standIn] : [])];
