import type { StageOverrides } from './stages';

/** Reads one CDK context value (`-c key=value`); `app.node.tryGetContext` fits. */
export type ContextReader = (key: string) => unknown;

const list = (value: unknown): string[] | undefined =>
  typeof value === 'string' && value.trim() !== ''
    ? value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
    : undefined;

/**
 * Stage overrides given on the command line, so a deploy can point at another issuer or
 * front-end without editing code: `-c issuer=https://… -c audience=a,b -c corsOrigins=https://…`,
 * `-c alarmEmail=ops@example.com` (the alarm topic's subscriber), `-c edge=true|false`
 * (CloudFront + WAF in front of the API), `-c webDomain=app.example.com
 * -c webCertificateArn=arn:aws:acm:us-east-1:…` (the site's own name) and `-c apiDomain=…
 * -c apiCertificateArn=…` (the API front's).
 */
export function overridesFromContext(read: ContextReader): StageOverrides {
  const issuer = read('issuer');
  const audience = list(read('audience'));
  const corsOrigins = list(read('corsOrigins'));
  const alarmEmail = read('alarmEmail');
  const edge = read('edge');
  if (edge !== undefined && !['true', 'false', true, false].includes(edge as string | boolean)) {
    throw new Error(`-c edge=… takes true or false, got ${String(edge)}`);
  }
  if ((issuer === undefined) !== (audience === undefined)) {
    throw new Error(
      'Give both -c issuer=… and -c audience=… (or neither, for a Cognito user pool)',
    );
  }
  const webDomain = domainFrom(read, 'webDomain', 'webCertificateArn');
  const apiDomain = domainFrom(read, 'apiDomain', 'apiCertificateArn');
  return {
    ...(typeof issuer === 'string' && audience ? { auth: { issuer, audience } } : {}),
    ...(corsOrigins ? { cors: { allowOrigins: corsOrigins } } : {}),
    ...(typeof alarmEmail === 'string' && alarmEmail.trim() !== ''
      ? { monitoring: { alarmEmail: alarmEmail.trim() } }
      : {}),
    ...(edge === undefined && !apiDomain
      ? {}
      : {
          edge: {
            ...(edge === undefined ? {} : { enabled: edge === true || edge === 'true' }),
            ...(apiDomain ? { domain: apiDomain } : {}),
          },
        }),
    ...(webDomain ? { web: { domain: webDomain } } : {}),
  };
}

/** A domain and its certificate, given together or not at all. */
function domainFrom(read: ContextReader, nameKey: string, certificateKey: string) {
  const domainName = read(nameKey);
  const certificateArn = read(certificateKey);
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new Error(`Give both -c ${nameKey}=… and -c ${certificateKey}=… (or neither)`);
  }
  return typeof domainName === 'string' && typeof certificateArn === 'string'
    ? { domainName, certificateArn }
    : undefined;
}
