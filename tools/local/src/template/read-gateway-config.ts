import {
  literalStrings,
  onlyResourceOfType,
  optionalNumber,
  props,
  referencedId,
  resourcesOfType,
  TemplateReadError,
  type CfnResource,
  type CfnTemplate,
} from './cfn-template';
import { AwsQuotas } from '@items-api/stack-contract';
import { readAuthorizer, readAuthorizers, type JwtAuthorizerConfig } from './read-authorizer';
import type { CorsConfig, FunctionConfig, GatewayConfig, GatewayRoute } from './gateway-config';

// What API Gateway and Lambda use when the template leaves a setting out.
const defaults = {
  integrationTimeoutMs: AwsQuotas.maxIntegrationTimeoutSeconds * 1000,
  accountRateLimit: 10_000,
  accountBurstLimit: 5_000,
  lambdaTimeoutSeconds: 3,
  lambdaMemoryMb: 128,
  architecture: 'x86_64',
};

type Resources = Readonly<Record<string, CfnResource>>;

/**
 * The gateway settings of a synthesized stack (see `synthesizeTemplate` in `@items-api/infra`):
 * routes and their integrations, CORS, the JWT authorizer, stage throttling, the functions and
 * the table. The local server runs from this, so it follows whatever the CDK stack deploys.
 * @throws TemplateReadError when the template lacks an HTTP API or its stage.
 */
export function readGatewayConfig(
  template: Record<string, unknown>,
  options: {
    /**
     * Origins allowed besides the template's (`npm start -- --cors-origin`): a front-end of one's
     * own on this machine. Ignored when the template allows every origin (`*`).
     */
    corsOrigins?: readonly string[];
  } = {},
): GatewayConfig {
  const cfn = template as CfnTemplate;
  const resources: Resources = cfn.Resources ?? {};
  const [apiId, api] = onlyResourceOfType(cfn, 'AWS::ApiGatewayV2::Api');
  if (props(api)['ProtocolType'] !== 'HTTP') {
    throw new TemplateReadError(`${apiId} is not an HTTP API`);
  }
  const belongsToApi = ([, r]: [string, CfnResource]) => referencedId(props(r)['ApiId']) === apiId;
  const authorizers = readAuthorizers(cfn, apiId);
  return {
    routes: resourcesOfType(cfn, 'AWS::ApiGatewayV2::Route')
      .filter(belongsToApi)
      .map(([id, route]) => readRoute(id, route, resources, authorizers)),
    cors: withOrigins(readCors(props(api)['CorsConfiguration']), options.corsOrigins ?? []),
    jwt: readJwt(authorizers),
    authorizer: readAuthorizer(cfn, apiId),
    authorizers,
    throttle: readThrottle(resourcesOfType(cfn, 'AWS::ApiGatewayV2::Stage').filter(belongsToApi)),
    functions: Object.fromEntries(
      resourcesOfType(cfn, 'AWS::Lambda::Function').map(([id, fn]) => [id, readFunction(fn)]),
    ),
    ...readOnlyTable(cfn),
  };
}

/** CloudFormation's `AuthorizationType` in the local gateway's words. */
const AUTHORIZATION = { JWT: 'jwt', CUSTOM: 'lambda', NONE: 'none' } as const;

function readRoute(
  id: string,
  route: CfnResource,
  resources: Resources,
  authorizers: GatewayConfig['authorizers'],
): GatewayRoute {
  const p = props(route);
  const routeKey = String(p['RouteKey']);
  const integrationId = referencedId(p['Target']);
  const integration = integrationId ? resources[integrationId] : undefined;
  const functionId = referencedId(props(integration)['IntegrationUri']);
  if (!integration || !functionId || resources[functionId]?.Type !== 'AWS::Lambda::Function') {
    throw new TemplateReadError(`route ${id} (${routeKey}) does not target a Lambda integration`);
  }
  const authorizationType = String(p['AuthorizationType'] ?? 'NONE');
  if (authorizationType === 'AWS_IAM') {
    throw new TemplateReadError(
      `route ${id} (${routeKey}): IAM authorization is not emulated (its callers sign requests with AWS credentials, which only AWS can verify)`,
    );
  }
  const auth = AUTHORIZATION[authorizationType as keyof typeof AUTHORIZATION];
  if (!auth) {
    throw new TemplateReadError(
      `route ${id} (${routeKey}): authorization ${authorizationType} is not emulated`,
    );
  }
  const authorizerId = referencedId(p['AuthorizerId']);
  const authorizer = authorizerId ? authorizers[authorizerId] : undefined;
  if (auth !== 'none' && authorizer?.type !== auth) {
    const kind = auth === 'jwt' ? 'JWT authorizer' : 'Lambda authorizer';
    throw new TemplateReadError(`route ${id} (${routeKey}): its ${kind} is not in the template`);
  }
  if (integration && props(integration)['RequestParameters'] !== undefined) {
    throw new TemplateReadError(
      `integration ${integrationId} (${routeKey}): parameter mapping is not emulated`,
    );
  }
  const ip = props(integration);
  return {
    routeKey,
    auth,
    ...(auth !== 'none' && authorizerId ? { authorizerId } : {}),
    ...(literalStrings(p['AuthorizationScopes'])?.length
      ? { scopes: literalStrings(p['AuthorizationScopes']) }
      : {}),
    functionId,
    payloadFormatVersion: ip['PayloadFormatVersion'] === '1.0' ? '1.0' : '2.0',
    timeoutMs: optionalNumber(ip['TimeoutInMillis']) ?? defaults.integrationTimeoutMs,
  };
}

function withOrigins(cors: CorsConfig, origins: readonly string[]): CorsConfig {
  if (!origins.length || cors.allowOrigins.includes('*')) return cors;
  // Without a CorsConfiguration the gateway does no CORS at all: an origin alone would allow no
  // method or header, so the preflight would still fail.
  if (!cors.allowOrigins.length && !cors.deployTimeOrigins) {
    throw new TemplateReadError(
      'the HTTP API has no CorsConfiguration to add --cors-origin origins to: configure CORS on the API (corsPreflight in CDK)',
    );
  }
  const added = origins.filter((origin) => !cors.allowOrigins.includes(origin));
  return added.length ? { ...cors, allowOrigins: [...cors.allowOrigins, ...added] } : cors;
}

function readCors(value: unknown): CorsConfig {
  const cors = (value ?? {}) as Record<string, unknown>;
  const origins: unknown[] = Array.isArray(cors['AllowOrigins']) ? cors['AllowOrigins'] : [];
  const deployTimeOrigins = origins.filter((origin) => typeof origin !== 'string').length;
  return {
    ...(deployTimeOrigins ? { deployTimeOrigins } : {}),
    allowOrigins: origins.filter((origin): origin is string => typeof origin === 'string'),

    allowMethods: literalStrings(cors['AllowMethods']) ?? [],
    allowHeaders: literalStrings(cors['AllowHeaders']) ?? [],
    exposeHeaders: literalStrings(cors['ExposeHeaders']) ?? [],
    allowCredentials: cors['AllowCredentials'] === true,
    maxAgeSeconds: optionalNumber(cors['MaxAge']),
  };
}

function readJwt(authorizers: GatewayConfig['authorizers']): GatewayConfig['jwt'] {
  const jwt = Object.values(authorizers).find((a): a is JwtAuthorizerConfig => a.type === 'jwt');
  return {
    ...(jwt?.issuer !== undefined ? { issuer: jwt.issuer } : {}),
    ...(jwt && !jwt.hasDeployTimeAudience ? { audience: jwt.audience } : {}),
  };
}

type RouteSettings = { ThrottlingRateLimit?: unknown; ThrottlingBurstLimit?: unknown };

/** `{ rateLimit?, burstLimit? }` with only the limits the settings give. */
const limitsOf = (settings: RouteSettings = {}) => {
  const rateLimit = optionalNumber(settings.ThrottlingRateLimit);
  const burstLimit = optionalNumber(settings.ThrottlingBurstLimit);
  return {
    ...(rateLimit !== undefined ? { rateLimit } : {}),
    ...(burstLimit !== undefined ? { burstLimit } : {}),
  };
};

function readThrottle(stages: [string, CfnResource][]): GatewayConfig['throttle'] {
  // The local server serves the API as its `$default` stage (no `/{stage}` prefix): a named
  // stage, or stage variables, would make paths and events differ from the deployed ones.
  for (const [id, s] of stages) {
    const name = props(s)['StageName'];
    if (name !== '$default') {
      throw new TemplateReadError(
        `stage ${id} (${JSON.stringify(name)}): named stages are not emulated ($default only)`,
      );
    }
    const variables = props(s)['StageVariables'];
    if (variables && Object.keys(variables).length) {
      throw new TemplateReadError(`stage ${id}: stage variables are not emulated`);
    }
  }
  const stage = stages[0];
  if (!stage) throw new TemplateReadError('the HTTP API has no stage');
  const p = props(stage[1]);
  const routeSettings = (p['RouteSettings'] ?? {}) as Record<string, RouteSettings>;
  return {
    rateLimit: defaults.accountRateLimit,
    burstLimit: defaults.accountBurstLimit,
    ...limitsOf(p['DefaultRouteSettings'] as RouteSettings | undefined),
    routes: Object.fromEntries(
      Object.entries(routeSettings).map(([routeKey, settings]) => [routeKey, limitsOf(settings)]),
    ),
  };
}

function readFunction(fn: CfnResource): FunctionConfig {
  const p = props(fn);
  const variables =
    (p['Environment'] as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
  return {
    environment: Object.fromEntries(
      Object.entries(variables).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    ),
    timeoutSeconds: optionalNumber(p['Timeout']) ?? defaults.lambdaTimeoutSeconds,
    memoryMb: optionalNumber(p['MemorySize']) ?? defaults.lambdaMemoryMb,
    handler: String(p['Handler']),
    runtime: String(p['Runtime']),
    architecture: literalStrings(p['Architectures'])?.[0] ?? defaults.architecture,
  };
}

/**
 * The table when the template has exactly one (the items stack); other apps may have none or
 * several (`readTables` reads them all).
 */
function readOnlyTable(cfn: CfnTemplate): Pick<GatewayConfig, 'table'> {
  const tables = [
    ...resourcesOfType(cfn, 'AWS::DynamoDB::GlobalTable'),
    ...resourcesOfType(cfn, 'AWS::DynamoDB::Table'),
  ];
  const [only, ...others] = tables;
  return only && !others.length ? { table: readTable(only) } : {};
}

type KeyElement = { AttributeName: string; KeyType: 'HASH' | 'RANGE' };

function readTable([id, table]: [string, CfnResource]): NonNullable<GatewayConfig['table']> {
  const p = props(table);
  const keys = (p['KeySchema'] ?? []) as KeyElement[];
  const key = (type: KeyElement['KeyType']) => keys.find((k) => k.KeyType === type)?.AttributeName;
  const partitionKey = key('HASH');
  const sortKey = key('RANGE');
  if (!partitionKey) throw new TemplateReadError(`table ${id} has no partition key (HASH)`);
  const ttl = p['TimeToLiveSpecification'] as
    { AttributeName?: string; Enabled?: boolean } | undefined;
  return {
    partitionKey,
    ...(sortKey ? { sortKey } : {}),
    ...(ttl?.Enabled && ttl.AttributeName ? { ttlAttribute: ttl.AttributeName } : {}),
  };
}
