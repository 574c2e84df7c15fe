import { overridesFromContext } from './context-overrides';

const reader = (values: Record<string, string>) => (key: string) => values[key];

describe('overridesFromContext', () => {
  it('returns no overrides for an empty context', () => {
    expect(overridesFromContext(reader({}))).toEqual({});
  });

  it('reads issuer and a comma-separated audience together', () => {
    expect(
      overridesFromContext(reader({ issuer: 'https://idp.example/', audience: 'web, cli' })),
    ).toEqual({ auth: { issuer: 'https://idp.example/', audience: ['web', 'cli'] } });
  });

  it('refuses an issuer without an audience', () => {
    expect(() => overridesFromContext(reader({ issuer: 'https://idp.example/' }))).toThrow(
      /both -c issuer=… and -c audience=…/,
    );
  });

  it('reads CORS origins as a list', () => {
    expect(
      overridesFromContext(reader({ corsOrigins: 'https://a.example,https://b.example' })),
    ).toEqual({ cors: { allowOrigins: ['https://a.example', 'https://b.example'] } });
  });

  it('reads the alarm e-mail into the monitoring group', () => {
    expect(overridesFromContext(reader({ alarmEmail: ' ops@example.com ' }))).toEqual({
      monitoring: { alarmEmail: 'ops@example.com' },
    });
  });

  it('turns the CloudFront + WAF front on or off', () => {
    expect(overridesFromContext(reader({ edge: 'true' }))).toEqual({ edge: { enabled: true } });
    expect(overridesFromContext(reader({ edge: 'false' }))).toEqual({ edge: { enabled: false } });
    expect(() => overridesFromContext(reader({ edge: 'yes' }))).toThrow(
      /-c edge=… takes true or false/,
    );
  });

  it('reads the site’s and the API front’s domains, each only with its certificate', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
    expect(
      overridesFromContext(
        reader({
          webDomain: 'app.example.com',
          webCertificateArn: certificateArn,
          apiDomain: 'api.example.com',
          apiCertificateArn: certificateArn,
        }),
      ),
    ).toEqual({
      web: { domain: { domainName: 'app.example.com', certificateArn } },
      edge: { domain: { domainName: 'api.example.com', certificateArn } },
    });
    expect(() => overridesFromContext(reader({ webDomain: 'app.example.com' }))).toThrow(
      /Give both -c webDomain=… and -c webCertificateArn=…/,
    );
  });
});
