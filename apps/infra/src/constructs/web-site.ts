import { RUNTIME_CONFIG_PATH, type WebRuntimeConfig } from '@items-api/stack-contract';
import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  type IOrigin,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
  type CfnBucket,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { CustomDomain } from '../stages/stage-config';
import { defaultCertificateReason, distributionName } from './custom-domain';
import {
  siteHeaderContentSecurityPolicy,
  siteHeaderSettings,
  withDocumentPolicy,
} from './site-headers';

export interface WebSiteProps {
  /** The built web app (`dist/apps/web`). */
  readonly source: ISource;
  /** The site's own name and certificate; default: the distribution's `*.cloudfront.net`. */
  readonly domain?: CustomDomain;
  /** RETAIN the bucket with the stack's data. @default true */
  readonly retain?: boolean;
}

/**
 * The web app's site: a private S3 bucket (Block Public Access, TLS-only policy, no ACLs) that
 * only this CloudFront distribution reads, through origin access control. HTTPS only (on the
 * stage's own domain with TLS 1.2+ when it has one), the security headers of `site-headers.ts`,
 * and the SPA fallback (every unknown path gets `index.html`). Call `deploy()` once the stack's
 * values for `config.json` and the CSP are known.
 */
export class WebSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** `https://<distribution domain>`: the app's origin (CORS, sign-in callback). */
  readonly origin: string;
  readonly url: string;
  private readonly headers: ResponseHeadersPolicy;
  private readonly s3Origin: IOrigin;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: WebSiteProps,
  ) {
    super(scope, id);
    const retain = props.retain ?? true;
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket holds only the public build of the web app, written by the deployment; reads are logged by CloudFront, not by S3 server access logs.',
    });
    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Items web app: CSP, HSTS, frame and content-type options',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: siteHeaderContentSecurityPolicy(),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(siteHeaderSettings.hstsMaxAgeSeconds),
          includeSubdomains: siteHeaderSettings.hstsIncludeSubdomains,
          preload: siteHeaderSettings.hstsPreload,
          override: true,
        },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    this.headers = headers;
    this.s3Origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Items web app',
      ...distributionName(this, props.domain),
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: this.s3Origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      // The SPA fallback: S3 answers 403 for a key that does not exist (no ListBucket for OAC).
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'The web app serves every country its API serves; no geo restriction applies to it.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Static files only: the API behind the app is throttled at API Gateway. Attach a WAF web ACL per account if a stage needs bot control.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'Standard logs need a log bucket with ACLs; CloudFront metrics are on by default. Enable logging per account if required.',
      },
    );
    if (!props.domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: defaultCertificateReason,
      });
    }
    this.origin = `https://${props.domain?.domainName ?? this.distribution.distributionDomainName}`;
    this.url = `${this.origin}/`;
  }

  /**
   * Uploads the app, its `index.html` with the CSP naming `connectSources` (the stage's API
   * origin and the issuer's) and its `config.json`, both written from the stack's values at
   * deploy time.
   */
  deploy(
    config: WebRuntimeConfig,
    page: { readonly indexHtml: string; readonly connectSources: readonly string[] },
  ): void {
    // config.json changes with every deploy: never cached.
    this.distribution.addBehavior(RUNTIME_CONFIG_PATH, this.s3Origin, {
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      responseHeadersPolicy: this.headers,
    });
    new BucketDeployment(this, 'Deploy', {
      // Later sources overwrite earlier ones: the built index.html gives way to the one with the CSP.
      sources: [
        this.props.source,
        Source.data('index.html', withDocumentPolicy(page.indexHtml, page.connectSources)),
        Source.jsonData(RUNTIME_CONFIG_PATH.slice(1), config),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
    });
    this.acknowledgeDeploymentProvider();
  }

  /**
   * CDK's BucketDeployment runs one provider function per stack (a child of the stack), used
   * only while deploying; its findings are CDK's design, acknowledged here by exact id.
   */
  private acknowledgeDeploymentProvider(): void {
    const stack = Stack.of(this);
    const provider = stack.node.children.find((c) =>
      c.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (!provider) return;
    // cdk-nag names the asset bucket as synthesized: a concrete account and region when the stack has them.
    const pseudo = (value: string, name: string) =>
      Token.isUnresolved(value) ? `<AWS::${name}>` : value;
    const siteBucket = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    const wildcards = [
      'Action::s3:GetObject*',
      'Action::s3:GetBucket*',
      'Action::s3:List*',
      'Action::s3:DeleteObject*',
      'Action::s3:Abort*',
      `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${pseudo(stack.account, 'AccountId')}-${pseudo(stack.region, 'Region')}/*`,
      `Resource::<${siteBucket}.Arn>/*`,
      'Resource::*',
    ];
    const reason = (what: string) =>
      `CDK's BucketDeployment provider function (runs only during deployments): ${what}.`;
    Validations.of(provider).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: reason('the AWS-managed basic execution policy writes its logs'),
      },
      ...wildcards.map((finding) => ({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: reason('CDK grants it object-level access to the asset and site buckets only'),
      })),
      { id: 'AwsSolutions-L1', reason: reason('aws-cdk-lib chooses and updates its runtime') },
      {
        id: 'Serverless-LambdaLatestVersion',
        reason: reason('aws-cdk-lib chooses and updates its runtime'),
      },
      {
        id: 'Serverless-LambdaDLQ',
        reason: reason('CloudFormation invokes it synchronously and reports a failure itself'),
      },
      {
        id: 'Serverless-LambdaTracing',
        reason: reason('a deployment step, not a request path worth tracing'),
      },
    );
  }
}
