import { allScopes, ResourceServer } from '@items-api/contract';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { stageConfigs } from '../stages/stages';
import { buildPlaceholderStack } from './synthesize-template';

type Resource = { Properties: Record<string, any> };

const synth = (stage: string, overrides = {}) =>
  Template.fromStack(buildPlaceholderStack({ stage, overrides }).stack);

// Named assert* so the lint rule sees the CDK assertions as assertions.
const assertResource = (template: Template, type: string, props: unknown) =>
  template.hasResourceProperties(type, props);
const assertCount = (template: Template, type: string, count: number) =>
  template.resourceCountIs(type, count);

/** The web app's distribution (prod also has the API's front, under `Edge`). */
const webDistribution = (template: Template): Resource => {
  const found = Object.entries(template.findResources('AWS::CloudFront::Distribution'))
    .filter(([id]) => id.startsWith('WebDistribution'))
    .map(([, resource]) => resource as Resource);
  expect(found).toHaveLength(1);
  return found[0]!;
};

const only = (template: Template, type: string): Resource => {
  const found = Object.values(template.findResources(type)) as Resource[];
  expect(found).toHaveLength(1);
  return found[0]!;
};

const siteUrl = {
  'Fn::Join': [
    '',
    ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('WebDistribution'), 'DomainName'] }, '/'],
  ],
};
const scopeOf = (name: string) => ({
  'Fn::Join': ['', [{ Ref: Match.stringLikeRegexp('ResourceServer') }, `/${name}`]],
});

describe('ItemsApiStack OAuth 2.0', () => {
  let dev: Template;
  let prod: Template;
  beforeAll(() => {
    dev = synth('dev');
    prod = synth('prod');
  });

  it("makes a resource server with the contract's scopes (items/read, items/write)", () => {
    assertResource(prod, 'AWS::Cognito::UserPoolResourceServer', {
      Identifier: ResourceServer.identifier,
      Scopes: [
        { ScopeName: 'read', ScopeDescription: ResourceServer.scopes.read.description },
        { ScopeName: 'write', ScopeDescription: ResourceServer.scopes.write.description },
      ],
    });
    expect(allScopes).toEqual(['items/read', 'items/write']);
  });

  it('gives the web app a public client: code flow only (no implicit), no secret, no password flows', () => {
    assertResource(prod, 'AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: false,
      // No InitiateAuth flow at all: rotation rules out REFRESH_TOKEN_AUTH.
      ExplicitAuthFlows: [],
      AllowedOAuthScopes: ['openid', 'email', scopeOf('read'), scopeOf('write')],
      SupportedIdentityProviders: ['COGNITO'],
      EnableTokenRevocation: true,
    });
  });

  it("sends sign-in and sign-out back to the site's URL, plus localhost in dev", () => {
    assertResource(prod, 'AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      CallbackURLs: [siteUrl],
      LogoutURLs: [siteUrl],
    });
    assertResource(dev, 'AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      CallbackURLs: [siteUrl, 'http://localhost:3001/'],
    });
  });

  it('sets token lifetimes from the stage config', () => {
    assertResource(prod, 'AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AccessTokenValidity: 15,
      IdTokenValidity: 15,
      RefreshTokenValidity: 7 * 24 * 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
  });

  it('adds a client-credentials client only when the stage asks for one', () => {
    assertResource(dev, 'AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['client_credentials'],
      GenerateSecret: true,
      AllowedOAuthScopes: [scopeOf('read'), scopeOf('write')],
    });
    assertCount(dev, 'AWS::Cognito::UserPoolClient', 2);
    assertCount(prod, 'AWS::Cognito::UserPoolClient', 2);
    const withoutMachine = synth('prod', {
      oauth: { ...stageConfigs.prod.oauth, machineClient: false },
    });
    assertCount(withoutMachine, 'AWS::Cognito::UserPoolClient', 1);
  });

  it('has a hosted sign-in domain, its prefix configurable', () => {
    assertResource(prod, 'AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['items-prod-', { Ref: 'AWS::AccountId' }]] },
    });
    const custom = synth('prod', {
      oauth: { ...stageConfigs.prod.oauth, domainPrefix: 'acme-items' },
    });
    assertResource(custom, 'AWS::Cognito::UserPoolDomain', { Domain: 'acme-items' });
  });
});

describe('ItemsApiStack web site', () => {
  let dev: Template;
  let prod: Template;
  beforeAll(() => {
    dev = synth('dev');
    prod = synth('prod');
  });

  it('keeps the bucket private: Block Public Access, TLS only, read only by the distribution', () => {
    assertResource(prod, 'AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    const statements = only(prod, 'AWS::S3::BucketPolicy').Properties['PolicyDocument'].Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
        expect.objectContaining({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
        }),
      ]),
    );
  });

  it('serves it through CloudFront with origin access control, HTTPS only, with the SPA fallback', () => {
    assertResource(prod, 'AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      }),
    });
    const config = webDistribution(prod).Properties['DistributionConfig'];
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('https-only');
    expect(config.Origins[0].OriginAccessControlId).toBeDefined();
    expect(config.CustomErrorResponses).toEqual(
      [403, 404].map((ErrorCode) => ({
        ErrorCode,
        ResponseCode: 200,
        ResponsePagePath: '/index.html',
        ErrorCachingMinTTL: 0,
      })),
    );
    // The runtime config is never cached: each deploy may change it.
    expect(config.CacheBehaviors).toEqual([
      expect.objectContaining({
        PathPattern: '/config.json',
        ViewerProtocolPolicy: 'https-only',
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      }),
    ]);
  });

  it('adds CSP, HSTS, frame and content-type options to every response', () => {
    const policy = only(prod, 'AWS::CloudFront::ResponseHeadersPolicy').Properties;
    const security = policy['ResponseHeadersPolicyConfig'].SecurityHeadersConfig;
    const csp = JSON.stringify(security.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toMatch(/script-src 'self'; style-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(security.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 63_072_000,
      IncludeSubdomains: true,
      Preload: true,
    });
    expect(security.FrameOptions.FrameOption).toBe('DENY');
    expect(security.ContentTypeOptions.Override).toBe(true);
    const distribution = webDistribution(prod).Properties;
    expect(distribution['DistributionConfig'].DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual(
      {
        Ref: expect.stringMatching(/^WebHeaders/),
      },
    );
  });

  it("writes config.json at deploy time from the stack's values: API URL, hosted sign-in, client id", () => {
    const deployment = only(dev, 'Custom::CDKBucketDeployment').Properties;
    expect(deployment['DistributionPaths']).toEqual(['/*']);
    const markers = JSON.stringify(deployment['SourceMarkers']);
    expect(markers).toMatch(/"Ref":"HttpApi[0-9A-F]+"/);
    expect(markers).toMatch(/"Ref":"AuthUserPoolWebClient[0-9A-F]+"/);
    expect(markers).toMatch(/"Fn::GetAtt":\["AuthUserPool[0-9A-F]+","ProviderURL"\]/);
  });

  it('outputs the web URL', () => {
    expect(prod.findOutputs('WebUrl')['WebUrl']?.Value).toEqual({
      'Fn::Join': [
        '',
        [
          'https://',
          { 'Fn::GetAtt': [expect.stringMatching(/^WebDistribution/), 'DomainName'] },
          '/',
        ],
      ],
    });
  });
});
