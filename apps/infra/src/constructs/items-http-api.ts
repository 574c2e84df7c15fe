import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  type CfnStage,
  type CorsHttpMethod,
  HttpApi,
  type HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { accessLogFormat } from './access-log-format';
import { defaultRouteKey, type GatewayRoutePlan } from './gateway-routes';

type Throttle = { readonly rateLimit?: number; readonly burstLimit?: number };

export interface ItemsHttpApiProps {
  /** @default - the construct path */
  readonly apiName?: string;
  /** From `planGatewayRoutes(apiRoutes)`. */
  readonly routes: readonly GatewayRoutePlan[];
  readonly functions: { readonly items: IFunction; readonly docs: IFunction };
  readonly authorizer: IHttpRouteAuthorizer;
  readonly cors: {
    readonly allowOrigins: readonly string[];
    readonly allowHeaders: readonly string[];
    readonly exposeHeaders: readonly string[];
    readonly allowMethods: readonly string[];
    readonly maxAgeSeconds: number;
  };
  /** Stage default for every route; nag requires one, so there is no "unthrottled". */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Per route key. @default {} */
  readonly routeThrottles?: Readonly<Record<string, Throttle>>;
  /** How long the gateway waits for a function. @default Duration.seconds(30) */
  readonly integrationTimeout?: { readonly items: Duration; readonly docs: Duration };
  /** @default RetentionDays.ONE_MONTH */
  readonly accessLogRetention?: RetentionDays;
  /** @default true */
  readonly retainLogs?: boolean;
}

/** The HTTP API: CORS at the gateway, one `$default` stage with throttling and JSON access logs. */
export class ItemsHttpApi extends Construct {
  /** The stage URL, ending in `/`. */
  readonly url: string;
  /** The API itself: its metrics feed the alarms and the dashboard. */
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: ItemsHttpApiProps) {
    super(scope, id);
    const { cors, throttle, routeThrottles = {}, retainLogs = true } = props;
    const api = new HttpApi(this, 'Api', {
      apiName: props.apiName,
      description: 'Items API (routes generated from the contract)',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...cors.allowOrigins],
        allowMethods: cors.allowMethods.map((m) => m as CorsHttpMethod),
        allowHeaders: [...cors.allowHeaders],
        exposeHeaders: [...cors.exposeHeaders],
        maxAge: Duration.seconds(cors.maxAgeSeconds),
        // Bearer tokens travel in a header, never cookies: no credentialed CORS needed.
        allowCredentials: false,
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const stage = new HttpStage(this, 'Stage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: accessLogFormat,
      },
    });
    const timeouts = props.integrationTimeout;
    const integrations = {
      items: new HttpLambdaIntegration('ItemsIntegration', props.functions.items, {
        payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
        timeout: timeouts?.items,
      }),
      docs: new HttpLambdaIntegration('DocsIntegration', props.functions.docs, {
        payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
        timeout: timeouts?.docs,
      }),
    };
    const routes = props.routes.map((plan) => {
      const route = new HttpRoute(this, `Route ${plan.routeKey.replaceAll('/', ' ')}`, {
        httpApi: api,
        routeKey: toRouteKey(plan.routeKey),
        integration: integrations[plan.target],
        authorizer: plan.auth === 'jwt' ? props.authorizer : new HttpNoneAuthorizer(),
        // API Gateway: the token's `scope` claim must hold one of these (else 403).
        ...(plan.auth === 'jwt' && plan.scopes.length
          ? { authorizationScopes: [...plan.scopes] }
          : {}),
      });
      if (plan.auth === 'none') {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${plan.routeKey} is public by design: the contract marks it auth 'none' (docs) or it is the CORS preflight route, which browsers send without credentials.`,
        });
      }
      return { plan, route };
    });
    this.applyRouteThrottles(stage, routeThrottles, routes);
    this.url = stage.url;
    this.api = api;
  }

  /** CloudFormation rejects RouteSettings for a route that does not exist yet, hence the dependency. */
  private applyRouteThrottles(
    stage: HttpStage,
    throttles: Readonly<Record<string, Throttle>>,
    routes: { plan: GatewayRoutePlan; route: HttpRoute }[],
  ) {
    const entries = Object.entries(throttles);
    if (entries.length === 0) return;
    const cfnStage = stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = Object.fromEntries(
      entries.map(([routeKey, t]) => {
        const match = routes.find((r) => r.plan.routeKey === routeKey);
        if (!match) throw new Error(`Route throttle for "${routeKey}": no such route`);
        cfnStage.node.addDependency(match.route);
        // RouteSettings is raw JSON to CloudFormation: CDK does not rename its keys.
        return [routeKey, { ThrottlingRateLimit: t.rateLimit, ThrottlingBurstLimit: t.burstLimit }];
      }),
    );
  }
}

function toRouteKey(routeKey: string): HttpRouteKey {
  if (routeKey === defaultRouteKey) return HttpRouteKey.DEFAULT;
  const [method, path] = routeKey.split(' ');
  return HttpRouteKey.with(path, method as HttpMethod);
}
