import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { AccountRecovery, FeaturePlan, Mfa, UserPool } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface ApiAuthProps {
  /**
   * An external OIDC issuer and the audiences it issues tokens for.
   * @default - a Cognito user pool and app client made here
   */
  readonly external?: { readonly issuer: string; readonly audience: readonly string[] };
  /** Only for the user pool made here. @default true */
  readonly mfaRequired?: boolean;
  /** Only for the user pool made here: RETAIN + deletion protection. @default true */
  readonly retain?: boolean;
}

/** The gateway's JWT authorizer and, unless an issuer is given, the Cognito pool behind it. */
export class ApiAuth extends Construct {
  readonly authorizer: HttpJwtAuthorizer;
  readonly issuer: string;
  readonly audience: readonly string[];
  readonly userPoolId?: string;
  readonly userPoolClientId?: string;

  constructor(scope: Construct, id: string, props: ApiAuthProps = {}) {
    super(scope, id);
    const { external, mfaRequired = true, retain = true } = props;
    if (external) {
      this.issuer = external.issuer;
      this.audience = external.audience;
    } else {
      const pool = this.createUserPool(mfaRequired, retain);
      const client = pool.addClient('AppClient', {
        // A public client (browser, CLI): no secret to leak; SRP keeps passwords off the wire.
        generateSecret: false,
        authFlows: { userSrp: true },
        preventUserExistenceErrors: true,
        accessTokenValidity: Duration.hours(1),
        idTokenValidity: Duration.hours(1),
        refreshTokenValidity: Duration.days(30),
      });
      this.issuer = pool.userPoolProviderUrl;
      this.audience = [client.userPoolClientId];
      this.userPoolId = pool.userPoolId;
      this.userPoolClientId = client.userPoolClientId;
    }
    this.authorizer = new HttpJwtAuthorizer('JwtAuthorizer', this.issuer, {
      jwtAudience: [...this.audience],
      identitySource: ['$request.header.Authorization'],
    });
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
