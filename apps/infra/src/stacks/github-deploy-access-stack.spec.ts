import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageNames } from '../stages/stage-config';
import {
  GitHubDeployAccessStack,
  type GitHubDeployAccessStackProps,
} from './github-deploy-access-stack';

type Statement = {
  Effect: string;
  Action: string | string[];
  Principal?: Record<string, unknown>;
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};
type RoleResource = {
  Properties: {
    AssumeRolePolicyDocument: { Statement: Statement[] };
    Policies?: unknown;
    ManagedPolicyArns?: unknown;
  };
};
type PolicyResource = {
  Properties: { PolicyDocument: { Statement: Statement[] }; Roles: unknown[] };
};

const repository = 'octo-org/items-api-kit';
const account = '123456789012';
const region = 'eu-west-1';
const pseudo: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::AccountId': account,
  'AWS::Region': region,
};

/** An ARN as CloudFormation resolves it in that account and Region. */
function resolved(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolved);
  if (typeof value !== 'object' || value === null) return value;
  const { Ref, 'Fn::Join': join } = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
  if (Ref !== undefined && pseudo[Ref]) return pseudo[Ref];
  if (join) return join[1].map(resolved).join(join[0]);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolved(v)]));
}

function synth(props: Partial<GitHubDeployAccessStackProps> = {}) {
  const app = new App({ analyticsReporting: false });
  const stack = new GitHubDeployAccessStack(app, 'Access', {
    repository,
    environments: stageNames,
    ...props,
  });
  return { stack, template: Template.fromStack(stack) };
}

const roleNamed = (template: Template, logicalPrefix: string) => {
  const [entry] = Object.entries(template.findResources('AWS::IAM::Role')).filter(([id]) =>
    id.startsWith(logicalPrefix),
  );
  if (!entry) throw new Error(`no role ${logicalPrefix}`);
  return { id: entry[0], role: entry[1] as RoleResource };
};

/** Every statement of every policy attached to the role. */
const permissionsOf = (template: Template, roleId: string) =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .map((p) => p as PolicyResource)
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .map((statement) => resolved(statement) as Statement);

describe('GitHubDeployAccessStack', () => {
  const { template } = synth();

  it('registers GitHub Actions as an OIDC provider for the sts.amazonaws.com audience', () => {
    expect(Object.values(template.findResources('AWS::IAM::OIDCProvider'))).toEqual([
      expect.objectContaining({
        Properties: {
          Url: 'https://token.actions.githubusercontent.com',
          ClientIdList: ['sts.amazonaws.com'],
        },
      }),
    ]);
  });

  it("trusts only this repository's stage environments, for the STS audience", () => {
    const { role } = roleNamed(template, 'DeployRole');
    const trust = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toHaveLength(1);
    expect(trust[0]).toMatchObject({
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: { Federated: { Ref: expect.stringMatching(/^GitHubOidc/) } },
    });
    // StringEquals, not StringLike: no wildcard can widen the subjects.
    expect(trust[0]!.Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': [
          'repo:octo-org/items-api-kit:environment:dev',
          'repo:octo-org/items-api-kit:environment:prod',
        ],
      },
    });
  });

  it("may only assume this account and Region's CDK bootstrap roles", () => {
    const { id, role } = roleNamed(template, 'DeployRole');
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies).toBeUndefined();
    const statements = permissionsOf(template, id);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: ['deploy', 'file-publishing', 'lookup'].map(
          (name) => `arn:aws:iam::${account}:role/cdk-hnb659fds-${name}-role-${account}-${region}`,
        ),
      },
    ]);
    for (const arn of statements[0]!.Resource as string[]) {
      expect(arn).toMatch(new RegExp(`^arn:aws:iam::${account}:role/cdk-hnb659fds-`));
    }
  });

  it('gives pull requests a role that may only assume the read-only lookup role', () => {
    const { id, role } = roleNamed(template, 'DiffRole');
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0]!.Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': ['repo:octo-org/items-api-kit:pull_request'],
      },
    });
    expect(permissionsOf(template, id)).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: `arn:aws:iam::${account}:role/cdk-hnb659fds-lookup-role-${account}-${region}`,
      },
    ]);
  });

  it('outputs the role ARNs the workflows read from repository variables', () => {
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual(['DeployRoleArn', 'DiffRoleArn']);
  });

  it('is environment-agnostic: the account and Region are those it is deployed to', () => {
    expect(JSON.stringify(template.toJSON())).not.toContain(account);
  });

  it('has no cdk-nag AwsSolutions finding', () => {
    const { stack } = synth();
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });
});

describe('GitHubDeployAccessStack options', () => {
  it('uses an existing provider instead of creating one', () => {
    const arn = `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`;
    const { template } = synth({ oidcProviderArn: arn });
    expect(template.findResources('AWS::IAM::OIDCProvider')).toEqual({});
    const { role } = roleNamed(template, 'DeployRole');
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0]!.Principal).toEqual({
      Federated: arn,
    });
  });

  it('leaves the pull-request role out when asked', () => {
    const { template } = synth({ pullRequestDiff: false });
    expect(Object.keys(template.findResources('AWS::IAM::Role'))).toEqual([
      expect.stringMatching(/^DeployRole/),
    ]);
  });

  it('follows another bootstrap qualifier', () => {
    const { template } = synth({ bootstrapQualifier: 'team42' });
    const { id } = roleNamed(template, 'DeployRole');
    expect(JSON.stringify(permissionsOf(template, id))).toContain(':role/cdk-team42-deploy-role-');
  });

  it.each(['items-api-kit', 'octo-org/items api', 'https://github.com/octo-org/items-api-kit'])(
    'refuses the repository %j',
    (bad) => {
      expect(() => synth({ repository: bad })).toThrow('githubRepository must be owner/name');
    },
  );
});
