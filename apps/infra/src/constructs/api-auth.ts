import { allScopes, ResourceServer, type ScopeName } from '@items-api/contract';
import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  UserPool,
  UserPoolClientIdentityProvider,
  type CfnUserPoolClient,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { StageConfig } from '../stages/stage-config';

export interface ApiAuthProps {
  /**
   * An external OIDC issuer and the audiences it issues tokens for.
   * @default - a Cognito user pool, resource server, hosted domain and app clients made here
   */
  readonly external?: { readonly issuer: string; readonly audience: readonly string[] };
  /** Only for the user pool made here. @default true */
  readonly mfaRequired?: boolean;
  /** Only for the user pool made here: RETAIN + deletion protection. @default true */
  readonly retain?: boolean;
  /** Only for the user pool made here: token lifetimes, machine client, domain. */
  readonly oauth: StageConfig['oauth'];
  /** Where the web app may be sent back after sign-in and sign-out (its URL, dev servers). */
  readonly callbackUrls: readonly string[];
  /** Prefix of the hosted sign-in domain (see `hostedDomainPrefix`). */
  readonly domainPrefix: string;
}

/** The stage's hosted sign-in domain prefix: configured, or `items-<stage>-<account id>`. */
export const hostedDomainPrefix = (config: Pick<StageConfig, 'stageName' | 'oauth'>) =>
  config.oauth.domainPrefix ?? `items-${config.stageName}-${Aws.ACCOUNT_ID}`;

/** The hosted sign-in's origin, known before the domain exists (no dependency on it). */
export const hostedSignInOrigin = (domainPrefix: string) =>
  `https://${domainPrefix}.auth.${Aws.REGION}.amazoncognito.com`;

/** What the web app needs to sign in with the user pool's hosted UI. */
export type HostedSignIn = {
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly logoutEndpoint: string;
  readonly revocationEndpoint: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
};

/**
 * The gateway's JWT authorizer and, unless an issuer is given, the Cognito pool behind it: a
 * resource server with the contract's scopes, a hosted sign-in domain, a public SPA client
 * (authorization code + PKCE only: no implicit grant, no secret) and, if the stage asks, a
 * confidential client for the client-credentials grant. The authorizer accepts tokens of both.
 */
export class ApiAuth extends Construct {
  readonly authorizer: HttpJwtAuthorizer;
  readonly issuer: string;
  readonly audience: readonly string[];
  readonly userPoolId?: string;
  readonly userPoolClientId?: string;
  readonly machineClientId?: string;
  /** The Cognito hosted sign-in; undefined with an external issuer. */
  readonly hostedSignIn?: HostedSignIn;

  constructor(scope: Construct, id: string, props: ApiAuthProps) {
    super(scope, id);
    const { external, mfaRequired = true, retain = true } = props;
    if (external) {
      this.issuer = external.issuer;
      this.audience = external.audience;
    } else {
      const pool = this.createUserPool(mfaRequired, retain);
      const scopes = Object.fromEntries(
        Object.entries(ResourceServer.scopes).map(([key, s]) => [
          key,
          new ResourceServerScope({ scopeName: s.name, scopeDescription: s.description }),
        ]),
      ) as Record<ScopeName, ResourceServerScope>;
      const server = pool.addResourceServer('ResourceServer', {
        identifier: ResourceServer.identifier,
        userPoolResourceServerName: 'Items API',
        scopes: Object.values(scopes),
      });
      const apiScopes = Object.values(scopes).map((s) => OAuthScope.resourceServer(server, s));
      const domain = pool.addDomain('HostedDomain', {
        cognitoDomain: { domainPrefix: props.domainPrefix },
      });
      const validity = {
        accessTokenValidity: Duration.minutes(props.oauth.tokenValidity.accessTokenMinutes),
        idTokenValidity: Duration.minutes(props.oauth.tokenValidity.idTokenMinutes),
        refreshTokenValidity: Duration.days(props.oauth.tokenValidity.refreshTokenDays),
      };
      const spa = pool.addClient('WebClient', {
        // A public client in the browser: nothing secret can be kept there; PKCE protects the code.
        generateSecret: false,
        oAuth: {
          flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
          scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, ...apiScopes],
          callbackUrls: [...props.callbackUrls],
          logoutUrls: [...props.callbackUrls],
        },
        supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
        preventUserExistenceErrors: true,
        // Sign-out revokes the refresh token at /oauth2/revoke (RFC 7009).
        enableTokenRevocation: true,
        // Refresh token rotation: every refresh answers a new refresh token and the one sent
        // stops working at once (RFC 9700 §4.14.2). No grace period, the stricter setting: the
        // app shares one refresh between its callers, so it never sends a token twice.
        refreshTokenRotationGracePeriod: Duration.seconds(0),
        ...validity,
      });
      // Rotation cannot be combined with the REFRESH_TOKEN_AUTH flow (Cognito developer guide,
      // "Refresh tokens"): the client has no InitiateAuth flow at all; the hosted UI and the
      // token endpoint are all it uses.
      explicitAuthFlows(spa, []);
      const machine = props.oauth.machineClient
        ? this.createMachineClient(pool, apiScopes, validity)
        : undefined;
      this.issuer = pool.userPoolProviderUrl;
      this.audience = [spa.userPoolClientId, ...(machine ? [machine.userPoolClientId] : [])];
      this.userPoolId = pool.userPoolId;
      this.userPoolClientId = spa.userPoolClientId;
      this.machineClientId = machine?.userPoolClientId;
      const base = hostedSignInOrigin(props.domainPrefix);
      // The hosted UI must exist before the app is sent to it.
      spa.node.addDependency(domain);
      this.hostedSignIn = {
        issuer: pool.userPoolProviderUrl,
        authorizationEndpoint: `${base}/oauth2/authorize`,
        tokenEndpoint: `${base}/oauth2/token`,
        logoutEndpoint: `${base}/logout`,
        revocationEndpoint: `${base}/oauth2/revoke`,
        clientId: spa.userPoolClientId,
        scopes: ['openid', 'email', ...allScopes],
      };
    }
    this.authorizer = new HttpJwtAuthorizer('JwtAuthorizer', this.issuer, {
      jwtAudience: [...this.audience],
      identitySource: ['$request.header.Authorization'],
    });
  }

  private createMachineClient(
    pool: UserPool,
    scopes: OAuthScope[],
    validity: {
      accessTokenValidity: Duration;
      idTokenValidity: Duration;
      refreshTokenValidity: Duration;
    },
  ): UserPoolClient {
    const client = pool.addClient('MachineClient', {
      // Confidential: a service keeps the secret (e.g. in Secrets Manager) and gets tokens itself.
      generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes },
      preventUserExistenceErrors: true,
      ...validity,
    });
    explicitAuthFlows(client, ['ALLOW_REFRESH_TOKEN_AUTH']);
    return client;
  }

  private createUserPool(mfaRequired: boolean, retain: boolean): UserPool {
    const pool = new UserPool(this, 'UserPool', {
      // Users are invited by an admin: an API kit should not open a public sign-up form.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(1),
      },
      mfa: mfaRequired ? Mfa.REQUIRED : Mfa.OPTIONAL,
      // TOTP only: SMS would need an SNS role and sending limits.
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: retain,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(pool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus feature plan (threat protection) is billed per active user; Essentials with MFA and a strong password policy fits this kit. Switch featurePlan for a large public user base.',
    });
    if (!mfaRequired) {
      Validations.of(pool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is a per-stage choice (StageConfig.mfa): required in prod, optional in dev so test users can sign in from scripts.',
      });
    }
    return pool;
  }
}

/**
 * No password flows (SRP, custom auth) on the client: sign-in goes through the hosted UI. Left
 * unset, Cognito would enable ALLOW_USER_SRP_AUTH and ALLOW_CUSTOM_AUTH as well
 * (AWS::Cognito::UserPoolClient, ExplicitAuthFlows).
 */
function explicitAuthFlows(client: UserPoolClient, flows: string[]): void {
  (client.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = flows;
}
