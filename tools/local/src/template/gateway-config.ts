import type { CorsConfig } from '@items-api/http-api';
import type { AnyAuthorizerConfig, AuthorizerConfig } from './read-authorizer';
/**
 * What the local server needs to behave like the deployed stage, read from the synthesized
 * CloudFormation template (never restated by hand). Produced by `readGatewayConfig(template)`.
 */
export type GatewayConfig = {
  /** One entry per AWS::ApiGatewayV2::Route, `$default` included. */
  readonly routes: readonly GatewayRoute[];
  readonly cors: CorsConfig;
  /**
   * The first JWT authorizer. Values CloudFormation resolves at deploy time (Cognito refs) are
   * `undefined`.
   */
  readonly jwt: { readonly issuer?: string; readonly audience?: readonly string[] };
  /** The first JWT authorizer's identity header and audiences, and the JWT routes' scopes. */
  readonly authorizer: AuthorizerConfig;
  /** Every authorizer of the API (JWT and Lambda), by logical id; routes name theirs. */
  readonly authorizers: Readonly<Record<string, AnyAuthorizerConfig>>;
  readonly throttle: {
    readonly rateLimit: number;
    readonly burstLimit: number;
    /** Per route key (`POST /items`), from the stage's RouteSettings. */
    readonly routes: Readonly<Record<string, { rateLimit?: number; burstLimit?: number }>>;
  };
  /** Lambda functions by logical id; routes point at them. */
  readonly functions: Readonly<Record<string, FunctionConfig>>;
  /** The table, when the template has exactly one. */
  readonly table?: {
    readonly partitionKey: string;
    /** Absent for a table keyed by its partition key alone. */
    readonly sortKey?: string;
    readonly ttlAttribute?: string;
  };
};

export type GatewayRoute = {
  /** `GET /items/{id}` or `$default`. */
  readonly routeKey: string;
  /** `jwt` or `lambda` (a REQUEST authorizer, `AuthorizationType: CUSTOM`), or none. */
  readonly auth: 'jwt' | 'lambda' | 'none';
  /** Logical id of the route's authorizer (a key of `GatewayConfig.authorizers`). */
  readonly authorizerId?: string;
  /** The route's AuthorizationScopes: the token's `scope` must hold one of them. */
  readonly scopes?: readonly string[];
  /** Logical id of the Lambda function the integration calls. */
  readonly functionId: string;
  readonly payloadFormatVersion: '2.0' | '1.0';
  readonly timeoutMs: number;
};

export type FunctionConfig = {
  /** Environment values that are plain strings in the template (tokens such as the table name are omitted). */
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly handler: string;
  readonly runtime: string;
  readonly architecture: string;
};

export type { CorsConfig };
