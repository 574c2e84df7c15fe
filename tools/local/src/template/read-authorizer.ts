import {
  literalStrings,
  props,
  referencedId,
  resourcesOfType,
  TemplateReadError,
  type CfnResource,
  type CfnTemplate,
} from './cfn-template';

/** The JWT authorizer settings of the template that the local gateway enforces. */
export type AuthorizerConfig = {
  /** The request header the token is read from, lower-case (`$request.header.Authorization`). */
  readonly identityHeader: string;
  /** `Audience` entries that are plain strings in the template. */
  readonly audience: readonly string[];
  /**
   * Whether some `Audience` entries resolve only at deploy time (a Cognito app client's id):
   * the local issuer's audience stands in for them.
   */
  readonly hasDeployTimeAudience: boolean;
  /** Each JWT route's `AuthorizationScopes`, by route key; routes without scopes are absent. */
  readonly routeScopes: Readonly<Record<string, readonly string[]>>;
};

const DEFAULT_IDENTITY_SOURCE = '$request.header.Authorization';

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

/**
 * The HTTP API's JWT authorizer (identity source, audience) and the `AuthorizationScopes` of
 * the routes it guards, read from the synthesized template so the local gateway enforces what
 * the stack deploys.
 * @throws TemplateReadError for an identity source other than one request header, or for
 *   scopes that are not plain strings.
 */
export function readAuthorizer(template: CfnTemplate, apiId: string): AuthorizerConfig {
  const ofApi = ([, r]: [string, CfnResource]) => referencedId(props(r)['ApiId']) === apiId;
  const jwt = resourcesOfType(template, 'AWS::ApiGatewayV2::Authorizer')
    .filter(ofApi)
    .find(([, a]) => props(a)['AuthorizerType'] === 'JWT');
  const config = (props(jwt?.[1])['JwtConfiguration'] ?? {}) as Record<string, unknown>;
  const audience = Array.isArray(config['Audience']) ? (config['Audience'] as unknown[]) : [];
  const routeScopes: Record<string, readonly string[]> = {};
  for (const [id, route] of resourcesOfType(template, 'AWS::ApiGatewayV2::Route').filter(ofApi)) {
    const p = props(route);
    if (p['AuthorizationType'] !== 'JWT' || p['AuthorizationScopes'] === undefined) continue;
    const scopes = literalStrings(p['AuthorizationScopes']);
    if (!scopes) throw new TemplateReadError(`route ${id}: AuthorizationScopes must be strings`);
    if (scopes.length) routeScopes[String(p['RouteKey'])] = scopes;
  }
  return {
    identityHeader: jwt
      ? identityHeaderOf(jwt[0], props(jwt[1])['IdentitySource'])
      : identityHeaderOf('(none)', undefined),
    audience: audience.filter((a): a is string => typeof a === 'string'),
    hasDeployTimeAudience: audience.some((a) => typeof a !== 'string'),
    routeScopes,
  };
}

/**
 * The audiences the local authorizer accepts: the template's plain ones, plus the local issuer's
 * audience standing in for those CloudFormation resolves at deploy time.
 */
export const localAudiences = (config: AuthorizerConfig, standIn: string): string[] => [
  ...config.audience,
  ...(config.hasDeployTimeAudience ? [standIn] : []),
];
