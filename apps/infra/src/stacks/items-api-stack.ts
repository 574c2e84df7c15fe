import {
  allScopes,
  apiRoutes,
  CorsAllowHeaders,
  CorsExposeHeaders,
  docsContract,
} from '@items-api/contract';
import type { WebRuntimeConfig } from '@items-api/stack-contract';
import { Aspects, CfnOutput, Duration, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { AwsQuotas, itemsFunctionEnvironment } from '@items-api/stack-contract';
import type { Code } from 'aws-cdk-lib/aws-lambda';
import type { ISource } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { ApiAuth, hostedDomainPrefix, hostedSignInOrigin } from '../constructs/api-auth';
import { ApiFunction } from '../constructs/api-function';
import { corsAllowMethods, planGatewayRoutes } from '../constructs/gateway-routes';
import { ItemsHttpApi } from '../constructs/items-http-api';
import { ApiEdge } from '../constructs/edge/api-edge';
import { calledOperations, ItemsTable } from '../constructs/items-table';
import { ItemsMonitoring } from '../constructs/monitoring';
import { WebSite } from '../constructs/web-site';
import type { FunctionSettings, StageConfig } from '../stages/stage-config';
import { FunctionRoleDependsOnSuppression } from './cfn-lint-suppressions';

export interface ItemsApiStackProps extends StackProps {
  readonly config: StageConfig;
  /** The items handler bundle (`dist/apps/api`, `main.handler`). */
  readonly itemsCode: Code;
  /** The docs handler bundle (`dist/apps/docs`, `main.handler`). */
  readonly docsCode: Code;
  /** The built web app (`dist/apps/web`). */
  readonly webSource: ISource;
  /** Its `index.html`, which the deploy writes again with the stage's CSP in it. */
  readonly webIndexHtml: string;
}

export const stackNameFor = (stage: string) => `ItemsApi-${stage}`;

/** The stack's output names: what a deployed stage tells its clients (and the smoke test reads). */
export const StackOutputs = {
  apiUrl: 'ApiUrl',
  apiOriginUrl: 'ApiOriginUrl',
  docsUrl: 'DocsUrl',
  openApiUrl: 'OpenApiUrl',
  tableName: 'TableName',
  jwtIssuer: 'JwtIssuer',
  webUrl: 'WebUrl',
  userPoolId: 'UserPoolId',
  userPoolClientId: 'UserPoolClientId',
  tokenEndpoint: 'TokenEndpoint',
  machineClientId: 'MachineClientId',
} as const;

/** The gateway waits a second longer than the function may run, so the function's own timeout (logged) ends a slow call. */
const gatewayTimeout = (fn: FunctionSettings) =>
  Duration.seconds(Math.min(AwsQuotas.maxIntegrationTimeoutSeconds, fn.timeoutSeconds + 1));

/** One stage of the Items API: HTTP API → Lambda → DynamoDB, with Cognito unless an issuer is given. */
export class ItemsApiStack extends Stack {
  constructor(scope: Construct, id: string, props: ItemsApiStackProps) {
    super(scope, id, {
      description: `Items API (${props.config.stageName}): HTTP API, Lambda, DynamoDB`,
      terminationProtection: props.config.retainData,
      ...props,
    });
    const { config } = props;
    Aspects.of(this).add(new FunctionRoleDependsOnSuppression());
    // Not in the dashboard's template properties: CloudFormation takes Tags there, but cfn-lint's
    // schema does not know them yet (E3002). It is tagged all the same: these are also the stack's
    // tags, and "CloudFormation also propagates these tags to the resources created in the stack"
    // (CloudFormation API reference, CreateStack, Tags).
    const tagging = { excludeResourceTypes: ['AWS::CloudWatch::Dashboard'] };
    Tags.of(this).add('project', 'items-api', tagging);
    Tags.of(this).add('stage', config.stageName, tagging);

    const table = new ItemsTable(this, 'Items', { retain: config.retainData });
    const shared = {
      logRetention: config.logRetention,
      retainLogs: config.retainData,
      tracing: config.tracing,
      applicationLogLevel: config.monitoring.applicationLogLevel,
      systemLogLevel: config.monitoring.systemLogLevel,
    };
    // Powertools settings: the metric namespace is per stage, so stages never mix on a chart.
    const kitMetrics = { namespace: `ItemsApi/${config.stageName}`, service: 'items-api' };
    const items = new ApiFunction(this, 'ItemsFunction', {
      ...shared,
      code: props.itemsCode,
      memoryMb: config.itemsFunction.memoryMb,
      timeoutSeconds: config.itemsFunction.timeoutSeconds,
      environment: itemsFunctionEnvironment({
        tableName: table.tableName,
        serviceName: kitMetrics.service,
        metricsNamespace: kitMetrics.namespace,
        tracingEnabled: config.tracing,
        idempotencyTtlSeconds: config.idempotencyTtlSeconds,
      }),
      description: 'Items API: the /items routes and $default',
    });
    table.grantItemAccess(items);
    const docs = new ApiFunction(this, 'DocsFunction', {
      ...shared,
      code: props.docsCode,
      memoryMb: config.docsFunction.memoryMb,
      timeoutSeconds: config.docsFunction.timeoutSeconds,
      description: 'Items API: OpenAPI document and docs page',
    });
    const domainPrefix = hostedDomainPrefix(config);
    const web = new WebSite(this, 'Web', {
      source: props.webSource,
      retain: config.retainData,
      domain: config.web.domain,
    });
    const extraOrigins = config.cors.allowOrigins.filter((origin) => origin !== '*');
    const auth = new ApiAuth(this, 'Auth', {
      external: config.auth,
      mfaRequired: config.mfa === 'required',
      retain: config.retainData,
      oauth: config.oauth,
      domainPrefix,
      callbackUrls: [web.url, ...extraOrigins.map((origin) => `${origin}/`)],
    });
    const api = new ItemsHttpApi(this, 'Http', {
      apiName: `items-api-${config.stageName}`,
      routes: planGatewayRoutes(apiRoutes),
      functions: { items: items.fn, docs: docs.fn },
      authorizer: auth.authorizer,
      cors: {
        allowOrigins: config.cors.allowOrigins.includes('*')
          ? ['*']
          : [web.origin, ...config.cors.allowOrigins],
        allowHeaders: CorsAllowHeaders,
        exposeHeaders: CorsExposeHeaders,
        allowMethods: corsAllowMethods(apiRoutes),
        maxAgeSeconds: config.cors.maxAgeSeconds,
      },
      throttle: config.throttle,
      routeThrottles: config.routeThrottles,
      integrationTimeout: {
        items: gatewayTimeout(config.itemsFunction),
        docs: gatewayTimeout(config.docsFunction),
      },
      accessLogRetention: config.logRetention,
      retainLogs: config.retainData,
    });

    new ItemsMonitoring(this, 'Monitoring', {
      stageName: config.stageName,
      settings: config.monitoring,
      retain: config.retainData,
      api: api.api,
      items,
      docs,
      table: table.table,
      tableOperations: calledOperations,
      kitMetrics,
    });

    // With the CloudFront + WAF front on, clients use its URL; the gateway's stays reachable.
    const edge = config.edge.enabled
      ? new ApiEdge(this, 'Edge', {
          stageName: config.stageName,
          api: api.api,
          settings: config.edge,
        })
      : undefined;
    const baseUrl = edge?.url ?? api.url;
    const url = (path: string) => `${baseUrl}${path.replace(/^\//, '')}`;
    web.deploy(webRuntimeConfig(baseUrl, auth), {
      indexHtml: props.webIndexHtml,
      // The stage's own API (its front when the edge is on) and its issuer: nothing else.
      connectSources: [
        baseUrl.replace(/\/$/, ''),
        config.auth ? new URL(config.auth.issuer).origin : hostedSignInOrigin(domainPrefix),
      ],
    });
    new CfnOutput(this, StackOutputs.apiUrl, {
      value: baseUrl,
      description: 'Base URL of the API',
    });
    if (edge) {
      new CfnOutput(this, StackOutputs.apiOriginUrl, {
        value: api.url,
        description: 'The HTTP API itself, behind the CloudFront + WAF front',
      });
    }
    new CfnOutput(this, StackOutputs.docsUrl, { value: url(docsContract.getDocs.path) });
    new CfnOutput(this, StackOutputs.openApiUrl, { value: url(docsContract.getOpenApi.path) });
    new CfnOutput(this, StackOutputs.tableName, { value: table.tableName });
    new CfnOutput(this, StackOutputs.jwtIssuer, { value: auth.issuer });
    new CfnOutput(this, StackOutputs.webUrl, { value: web.url, description: 'The web app' });
    if (auth.userPoolId && auth.userPoolClientId) {
      new CfnOutput(this, StackOutputs.userPoolId, { value: auth.userPoolId });
      new CfnOutput(this, StackOutputs.userPoolClientId, { value: auth.userPoolClientId });
    }
    if (auth.hostedSignIn) {
      new CfnOutput(this, StackOutputs.tokenEndpoint, { value: auth.hostedSignIn.tokenEndpoint });
    }
    if (auth.machineClientId) {
      new CfnOutput(this, StackOutputs.machineClientId, {
        value: auth.machineClientId,
        description: 'Client-credentials app client; its secret is in the Cognito console / API',
      });
    }
  }
}

/** The web app's `config.json` from the stack's values (resolved when the site is deployed). */
function webRuntimeConfig(apiUrl: string, auth: ApiAuth): WebRuntimeConfig {
  return {
    apiUrl: apiUrl.replace(/\/$/, ''),
    auth: auth.hostedSignIn ?? {
      // An external issuer: the app reads the endpoints from its OpenID discovery document.
      issuer: auth.issuer,
      clientId: auth.audience[0] ?? '',
      scopes: ['openid', ...allScopes],
    },
  };
}
