import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildPlaceholderStack } from './synthesize-template';

const findingsOf = (stage: string, overrides = {}) => {
  const { stack } = buildPlaceholderStack({ stage, overrides });
  const violations = [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap(
    (pack) => pack.validateScope(stack).violations,
  );
  return {
    stack,
    findings: violations.map(
      (v) =>
        `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    ),
  };
};

const acknowledgementsIn = (root: IConstruct) =>
  root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY),
    )
    .flatMap((m) => Object.entries(m.data as Record<string, string>));

describe.each(['dev', 'prod'])('cdk-nag on the %s stack', (stage) => {
  let result: ReturnType<typeof findingsOf>;
  beforeAll(() => {
    result = findingsOf(stage);
  });

  it('has no unacknowledged AwsSolutions or Serverless finding, error or warning', () => {
    expect(result.findings).toEqual([]);
  });

  it('gives every acknowledgement a written reason', () => {
    const acknowledgements = acknowledgementsIn(result.stack);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledgements) {
      expect({ id, reason: reason.length >= 40 }).toEqual({ id, reason: true });
    }
  });
});

describe('cdk-nag with an external issuer', () => {
  it('has no finding either', () => {
    const { findings } = findingsOf('prod', {
      auth: { issuer: 'https://idp.example/', audience: ['web'] },
    });
    expect(findings).toEqual([]);
  });
});

describe('cdk-nag with the CloudFront + WAF front and an alarm e-mail', () => {
  it('has no finding either', () => {
    const { findings } = findingsOf('prod', {
      edge: { enabled: true },
      monitoring: { alarmEmail: 'ops@example.com' },
    });
    expect(findings).toEqual([]);
  });
});
