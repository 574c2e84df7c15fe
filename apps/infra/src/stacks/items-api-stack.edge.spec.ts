import { Template } from 'aws-cdk-lib/assertions';
import { buildPlaceholderStack } from './synthesize-template';

type Resource = { Type: string; Properties: Record<string, unknown> };

const synth = (stage: string, overrides = {}) =>
  Template.fromStack(buildPlaceholderStack({ stage, overrides }).stack);

// The web app's own distribution (web-site.ts) is always there; the front's are under `Edge`.
const only = (template: Template, type: string) => {
  const found = Object.entries(template.findResources(type) as Record<string, Resource>).filter(
    ([id, resource]) => resource.Type !== 'AWS::CloudFront::Distribution' || id.startsWith('Edge'),
  );
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
};

const edgeDistributions = (template: Template) =>
  Object.keys(template.findResources('AWS::CloudFront::Distribution')).filter((id) =>
    id.startsWith('Edge'),
  );

/** The managed origin request policy "AllViewerExceptHostHeader" (CloudFront developer guide). */
const allViewerExceptHostHeader = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

describe('the CloudFront + WAF front', () => {
  it('is off in dev (and with -c edge=false): no distribution, no web ACL, ApiUrl is the gateway stage', () => {
    for (const template of [synth('dev'), synth('prod', { edge: { enabled: false } })]) {
      expect(edgeDistributions(template)).toEqual([]);
      expect(template.findResources('AWS::WAFv2::WebACL')).toEqual({});
      const [apiId] = only(template, 'AWS::ApiGatewayV2::Api');
      expect(JSON.stringify(template.findOutputs('ApiUrl'))).toContain(apiId);
      expect(template.findOutputs('ApiOriginUrl')).toEqual({});
    }
  });

  describe('on in prod by default (dev: -c edge=true)', () => {
    let prod: Template;
    beforeAll(() => {
      prod = synth('prod');
    });

    it('blocks a client IP past 600 requests a minute with the gateway’s 429 body, then runs the managed common rule set', () => {
      const [, acl] = only(prod, 'AWS::WAFv2::WebACL');
      expect(acl.Properties).toMatchObject({
        Scope: 'CLOUDFRONT',
        DefaultAction: { Allow: {} },
        CustomResponseBodies: {
          tooManyRequests: {
            ContentType: 'APPLICATION_JSON',
            Content: '{"message":"Too Many Requests"}',
          },
        },
      });
      expect(acl.Properties['Rules']).toEqual([
        expect.objectContaining({
          Name: 'RatePerClientIp',
          Priority: 0,
          Statement: {
            RateBasedStatement: { AggregateKeyType: 'IP', Limit: 600, EvaluationWindowSec: 60 },
          },
          Action: {
            Block: {
              CustomResponse: {
                ResponseCode: 429,
                CustomResponseBodyKey: 'tooManyRequests',
                ResponseHeaders: [{ Name: 'retry-after', Value: '1' }],
              },
            },
          },
        }),
        expect.objectContaining({
          Name: 'AWSManagedRulesCommonRuleSet',
          Priority: 1,
          OverrideAction: { None: {} },
          Statement: {
            ManagedRuleGroupStatement: {
              VendorName: 'AWS',
              Name: 'AWSManagedRulesCommonRuleSet',
              RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
            },
          },
        }),
      ]);
    });

    it('puts the web ACL on a distribution whose origin is the HTTP API, HTTPS only, nothing cached, Authorization forwarded', () => {
      const [aclId] = only(prod, 'AWS::WAFv2::WebACL');
      const [apiId] = only(prod, 'AWS::ApiGatewayV2::Api');
      const [policyId, policy] = only(prod, 'AWS::CloudFront::CachePolicy');
      const [, distribution] = only(prod, 'AWS::CloudFront::Distribution');
      const config = distribution.Properties['DistributionConfig'] as Record<string, unknown>;
      expect(config['WebACLId']).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
      expect(config['DefaultCacheBehavior']).toMatchObject({
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        ViewerProtocolPolicy: 'https-only',
        CachePolicyId: { Ref: policyId },
        OriginRequestPolicyId: allViewerExceptHostHeader,
      });
      const [origin] = config['Origins'] as Record<string, unknown>[];
      expect(JSON.stringify(origin?.['DomainName'])).toContain(apiId);
      expect(origin?.['CustomOriginConfig']).toMatchObject({
        OriginProtocolPolicy: 'https-only',
        OriginSSLProtocols: ['TLSv1.2'],
      });
      expect(policy.Properties['CachePolicyConfig']).toMatchObject({
        DefaultTTL: 0,
        MinTTL: 0,
        ParametersInCacheKeyAndForwardedToOrigin: {
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['authorization'] },
          QueryStringsConfig: { QueryStringBehavior: 'all' },
        },
      });
    });

    it('gives clients the distribution as ApiUrl (docs too) and keeps the gateway URL as ApiOriginUrl', () => {
      const [distributionId] = only(prod, 'AWS::CloudFront::Distribution');
      const [apiId] = only(prod, 'AWS::ApiGatewayV2::Api');
      const domain = { 'Fn::GetAtt': [distributionId, 'DomainName'] };
      expect(prod.findOutputs('ApiUrl')['ApiUrl']?.['Value']).toEqual({
        'Fn::Join': ['', ['https://', domain, '/']],
      });
      expect(JSON.stringify(prod.findOutputs('DocsUrl'))).toContain(distributionId);
      expect(JSON.stringify(prod.findOutputs('ApiOriginUrl'))).toContain(apiId);
    });

    it('refuses to deploy outside us-east-1, where web ACLs for CloudFront live', () => {
      const rules = prod.toJSON()['Rules'] as Record<string, { Assertions: unknown[] }>;
      const edgeRules = Object.entries(rules).filter(([id]) => id.startsWith('EdgeWebAclRegion'));
      expect(edgeRules.map(([, rule]) => rule)).toEqual([
        {
          Assertions: [
            {
              Assert: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] },
              AssertDescription: expect.stringContaining('us-east-1'),
            },
          ],
        },
      ]);
    });
  });
});
