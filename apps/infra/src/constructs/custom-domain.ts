import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { SecurityPolicyProtocol, type DistributionProps } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import type { CustomDomain } from '../stages/stage-config';

/**
 * A distribution's own name, when the stage gives one: its domain, the ACM certificate for it
 * and viewers held to TLS 1.2 or later with the 2021 ciphers (`TLSv1.2_2021`, CloudFront's
 * recommended policy). Without one the distribution keeps its `*.cloudfront.net` name, whose
 * default certificate fixes the viewer policy.
 */
export function distributionName(
  scope: Construct,
  domain: CustomDomain | undefined,
): Pick<DistributionProps, 'domainNames' | 'certificate' | 'minimumProtocolVersion'> {
  if (!domain) return {};
  return {
    domainNames: [domain.domainName],
    certificate: Certificate.fromCertificateArn(scope, 'Certificate', domain.certificateArn),
    minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
  };
}

/** cdk-nag's finding for the default certificate, acknowledged only where there is no domain. */
export const defaultCertificateReason =
  'No custom domain is configured for this stage: the default *.cloudfront.net certificate fixes the viewer TLS policy. Give it a domain and ACM certificate (`web.domain` / `edge.domain` in stage config, or -c webDomain / -c apiDomain) to require TLSv1.2_2021.';
