import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StageOverrides } from '../stages/stages';
import { siteHeaders } from '../constructs/site-headers';
import { buildPlaceholderStack } from './synthesize-template';

type Resource = { Type: string; Properties: Record<string, any> };
type Template = { Resources: Record<string, Resource> };

const webDomain = {
  domainName: 'app.example.com',
  certificateArn:
    'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
};
const apiDomain = { ...webDomain, domainName: 'api.example.com' };

/**
 * A stage synthesized to a cloud assembly, with the files its site deployment uploads: each
 * deploy-time value in them (`<<marker:…>>`) shown as the template expression it stands for.
 */
function synthesize(stage: string, overrides: StageOverrides = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'items-api-hardening-'));
  try {
    const { app, stack } = buildPlaceholderStack({ stage, overrides }, outdir);
    const template = app.synth().getStackArtifact(stack.artifactId).template as Template;
    const resources = Object.entries(template.Resources);
    const deployment = resources.find(([, r]) => r.Type === 'Custom::CDKBucketDeployment')![1];
    // Source i is the asset `SourceObjectKeys[i]`; its deploy-time values are `SourceMarkers[i]`.
    const keys = deployment.Properties['SourceObjectKeys'] as string[];
    const markers = deployment.Properties['SourceMarkers'] as Record<string, unknown>[];
    const uploaded = (name: string) =>
      keys
        .map((key, i) => ({ path: join(outdir, `asset.${key.replace(/\.zip$/, '')}`, name), i }))
        .filter(({ path }) => existsSync(path))
        .map(({ path, i }) =>
          readFileSync(path, 'utf8').replace(/<<marker:0xbaba:\d+>>/g, (marker) =>
            shown(markers[i]![marker]),
          ),
        );
    return {
      resources,
      of: (type: string, idPrefix = '') =>
        resources.filter(([id, r]) => r.Type === type && id.startsWith(idPrefix)).map(([, r]) => r),
      // The built page and the one the deploy writes over it: the latter carries the CSP.
      indexHtml: uploaded('index.html').find((html) => html.includes('http-equiv'))!,
      configJson: JSON.parse(uploaded('config.json')[0]!) as Record<string, any>,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** `{Ref: X}` as `${X}`, `{Fn::GetAtt: [X, A]}` as `${X.A}`: readable, and safe inside JSON text. */
function shown(expression: unknown): string {
  const { Ref: ref, 'Fn::GetAtt': getAtt } = expression as {
    Ref?: string;
    'Fn::GetAtt'?: string[];
  };
  if (ref) return `\${${ref}}`;
  if (getAtt) return `\${${getAtt.join('.')}}`;
  throw new Error(`unexpected deploy-time value ${JSON.stringify(expression)}`);
}

const connectSrc = (html: string) => /connect-src ([^;"]*)/.exec(html)?.[1]?.split(' ');

describe('hardened defaults of the stack', () => {
  let dev: ReturnType<typeof synthesize>;
  let prod: ReturnType<typeof synthesize>;
  beforeAll(() => {
    dev = synthesize('dev');
    prod = synthesize('prod');
  });

  describe("the site's CSP names the stage's own API origin, never any account's", () => {
    it('dev: the HTTP API itself and the hosted sign-in, in the page the deploy writes', () => {
      const [apiId] = dev.resources.find(([, r]) => r.Type === 'AWS::ApiGatewayV2::Api')!;
      expect(connectSrc(dev.indexHtml)).toEqual([
        "'self'",
        `https://\${${apiId}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`,
        'https://items-dev-${AWS::AccountId}.auth.${AWS::Region}.amazoncognito.com',
      ]);
      expect(dev.indexHtml).toMatch(/<head>\s*<meta http-equiv="Content-Security-Policy"/);
    });

    it('prod: the API front (CloudFront + WAF) it gives clients', () => {
      const [front] = prod.resources.find(
        ([id, r]) => r.Type === 'AWS::CloudFront::Distribution' && id.startsWith('Edge'),
      )!;
      expect(connectSrc(prod.indexHtml)?.[1]).toBe(`https://\${${front}.DomainName}`);
    });

    it('no policy anywhere allows a wildcard API host', () => {
      for (const stage of [dev, prod]) {
        const [policy] = stage.of('AWS::CloudFront::ResponseHeadersPolicy');
        const header = JSON.stringify(policy);
        expect(header).not.toContain('execute-api');
        expect(header).not.toContain('connect-src');
        expect(header).not.toMatch(/default-src/);
        expect(stage.indexHtml).not.toContain('*');
      }
    });
  });

  it('sends HSTS as preload lists require: max-age ≥ 1 year, includeSubDomains, preload', () => {
    const [policy] = prod.of('AWS::CloudFront::ResponseHeadersPolicy');
    const hsts =
      policy!.Properties['ResponseHeadersPolicyConfig'].SecurityHeadersConfig
        .StrictTransportSecurity;
    expect(hsts.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    expect(hsts).toMatchObject({ IncludeSubdomains: true, Preload: true, Override: true });
    expect(siteHeaders([])['strict-transport-security']).toBe(
      `max-age=${hsts.AccessControlMaxAgeSec}; includeSubDomains; preload`,
    );
  });

  describe('transport: the stage’s own domains and certificates, TLS 1.2 (2021 policy) at least', () => {
    let named: ReturnType<typeof synthesize>;
    beforeAll(() => {
      named = synthesize('prod', { web: { domain: webDomain }, edge: { domain: apiDomain } });
    });

    it('puts each name and its ACM certificate on its distribution, viewers on TLSv1.2_2021 with SNI', () => {
      for (const [prefix, domain] of [
        ['WebDistribution', webDomain],
        ['EdgeDistribution', apiDomain],
      ] as const) {
        const [distribution] = named.of('AWS::CloudFront::Distribution', prefix);
        expect(distribution!.Properties['DistributionConfig']).toMatchObject({
          Aliases: [domain.domainName],
          ViewerCertificate: {
            AcmCertificateArn: domain.certificateArn,
            MinimumProtocolVersion: 'TLSv1.2_2021',
            SslSupportMethod: 'sni-only',
          },
        });
      }
    });

    it('uses the names as the app’s origin (CORS, sign-in URLs) and the API’s (ApiUrl, CSP)', () => {
      const [api] = named.of('AWS::ApiGatewayV2::Api');
      expect(api!.Properties['CorsConfiguration'].AllowOrigins).toEqual([
        'https://app.example.com',
      ]);
      const [client] = named.of('AWS::Cognito::UserPoolClient', 'AuthUserPoolWebClient');
      expect(client!.Properties['CallbackURLs']).toEqual(['https://app.example.com/']);
      expect(connectSrc(named.indexHtml)?.[1]).toBe('https://api.example.com');
      expect(named.configJson['apiUrl']).toBe('https://api.example.com');
    });

    it('without a domain keeps the distributions’ default names and certificates', () => {
      for (const distribution of prod.of('AWS::CloudFront::Distribution')) {
        expect(distribution.Properties['DistributionConfig'].Aliases).toBeUndefined();
        expect(distribution.Properties['DistributionConfig'].ViewerCertificate).toBeUndefined();
      }
    });
  });

  describe('refresh tokens of the web client', () => {
    it('rotate on every refresh with no grace period (RFC 9700 §4.14.2)', () => {
      for (const stage of [dev, prod]) {
        const [client] = stage.of('AWS::Cognito::UserPoolClient', 'AuthUserPoolWebClient');
        expect(client!.Properties).toMatchObject({
          RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
          EnableTokenRevocation: true,
          ExplicitAuthFlows: [],
        });
      }
    });

    it("are revoked on sign-out at the hosted domain's /oauth2/revoke (RFC 7009), named in config.json", () => {
      expect(dev.configJson['auth'].revocationEndpoint).toBe(
        'https://items-dev-${AWS::AccountId}.auth.${AWS::Region}.amazoncognito.com/oauth2/revoke',
      );
    });
  });

  it('puts a per-client-IP rate limit (WAF) in front of the prod API by default, not in dev', () => {
    const rules = (stage: ReturnType<typeof synthesize>) =>
      stage
        .of('AWS::WAFv2::WebACL')
        .flatMap((acl) => acl.Properties['Rules'] as { Statement: Record<string, any> }[])
        .filter((rule) => rule.Statement['RateBasedStatement']?.AggregateKeyType === 'IP');
    expect(rules(prod)).toHaveLength(1);
    expect(rules(dev)).toHaveLength(0);
  });
});
