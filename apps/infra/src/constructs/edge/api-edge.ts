import { Headers } from '@items-api/contract';
import { Aws, CfnRule, Duration, Fn, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  CacheHeaderBehavior,
  CacheQueryStringBehavior,
  CacheCookieBehavior,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { EdgeSettings } from '../../stages/stage-config';
import { defaultCertificateReason, distributionName } from '../custom-domain';

export interface ApiEdgeProps {
  readonly stageName: string;
  readonly api: IHttpApi;
  readonly settings: EdgeSettings;
}

/** API Gateway's own throttling answer, so clients see one 429 shape whoever refuses them. */
const tooManyRequestsBody = JSON.stringify({ message: 'Too Many Requests' });

/**
 * CloudFront in front of the HTTP API, with an AWS WAF web ACL: HTTP APIs cannot be associated
 * with WAF (AWS WAF developer guide, "Resources you can protect"), a CloudFront distribution
 * can. The ACL blocks a client IP past its rate (answering 429 like the gateway) before the
 * request reaches the stage throttle all clients share, and runs AWS's managed common rule set.
 *
 * Nothing is cached: the cache key holds `Authorization` (CloudFront forwards that header only
 * from the cache policy, CloudFront developer guide, "Forward the Authorization header") and the
 * API's answers carry no cache headers, so the default TTL of 0 applies.
 *
 * A web ACL for CloudFront exists only in us-east-1, so the stack must be deployed there; a
 * CloudFormation rule fails the deploy early anywhere else.
 */
export class ApiEdge extends Construct {
  /** `https://<distribution>.cloudfront.net/`: the API's URL for clients. */
  readonly url: string;
  readonly distribution: Distribution;
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiEdgeProps) {
    super(scope, id);
    const { settings } = props;
    new CfnRule(this, 'WebAclRegion', {
      assertions: [
        {
          assert: Fn.conditionEquals(Aws.REGION, 'us-east-1'),
          assertDescription:
            'The CloudFront + WAF front (edge.enabled) needs the stack in us-east-1, where web ACLs for CloudFront live; deploy there or turn it off with -c edge=false.',
        },
      ],
    });
    const metricName = (name: string) => `items-api-${props.stageName}-${name}`;
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: metricName('edge'),
      description: `Items API ${props.stageName}: rate limit per client IP and AWS managed common rules`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      customResponseBodies: {
        tooManyRequests: { contentType: 'APPLICATION_JSON', content: tooManyRequestsBody },
      },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        sampledRequestsEnabled: true,
        metricName: metricName('edge'),
      },
      rules: [
        {
          name: 'RatePerClientIp',
          priority: 0,
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: settings.rateLimitPerIp,
              evaluationWindowSec: settings.rateWindowSeconds,
            },
          },
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'tooManyRequests',
                responseHeaders: [{ name: Headers.retryAfter, value: '1' }],
              },
            },
          },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            sampledRequestsEnabled: true,
            metricName: metricName('rate-per-ip'),
          },
        },
        {
          name: 'AWSManagedRulesCommonRuleSet',
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // The rule set blocks bodies over 8 KB (AWS WAF developer guide, "Core rule set
              // (CRS) managed rule group", SizeRestrictions_BODY); the API takes up to 64 KB and
              // answers 413 itself past that, so this rule only counts.
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            sampledRequestsEnabled: true,
            metricName: metricName('common-rules'),
          },
        },
      ],
    });

    const cachePolicy = new CachePolicy(this, 'NoCache', {
      comment: `Items API ${props.stageName}: nothing cached, Authorization forwarded`,
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: CacheHeaderBehavior.allowList(Headers.authorization),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // `https://<id>.execute-api.<region>.amazonaws.com` → its host name.
    const originHost = Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Items API ${props.stageName}`,
      defaultBehavior: {
        origin: new HttpOrigin(originHost, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [OriginSslPolicy.TLS_V1_2],
        }),
        allowedMethods: AllowedMethods.ALLOW_ALL,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        cachePolicy,
        // Every viewer header but Host: API Gateway routes on its own host name.
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        compress: true,
      },
      webAclId: this.webAcl.attrArn,
      ...distributionName(this, settings.domain),
      priceClass: PriceClass.PRICE_CLASS_100,
      httpVersion: HttpVersion.HTTP2_AND_3,
    });
    this.url = `https://${settings.domain?.domainName ?? this.distribution.distributionDomainName}/`;
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'The API serves its users wherever they are; abuse is limited per client IP by the web ACL rather than by country.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'Every request that passes is in the gateway access log (same request as the function log line); WAF keeps sampled requests of what it blocks.',
      },
    );
    if (!settings.domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: defaultCertificateReason,
      });
    }
  }
}
