import { CfnOutput, DefaultStackSynthesizer, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  type IOidcProvider,
  OidcProviderNative,
  OpenIdConnectPrincipal,
  PolicyStatement,
  Role,
} from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * GitHub Actions' OIDC issuer and the audience `aws-actions/configure-aws-credentials` asks for
 * (GitHub docs, "Configuring OpenID Connect in Amazon Web Services": the provider URL
 * `https://token.actions.githubusercontent.com`, audience `sts.amazonaws.com`).
 */
export const GitHubOidc = {
  host: 'token.actions.githubusercontent.com',
  audience: 'sts.amazonaws.com',
} as const;

export const githubDeployAccessStackName = 'ItemsApi-github-deploy';

/** The CDK bootstrap roles a role may assume (`cdk bootstrap`'s template names them so). */
export type BootstrapRole = 'deploy' | 'file-publishing' | 'lookup';

/**
 * The `sub` claim of a GitHub Actions token, in GitHub's default format ("About security
 * hardening with OpenID Connect", example subject claims): a job that names an environment is
 * `repo:<owner>/<name>:environment:<env>`, a pull request's job `repo:<owner>/<name>:pull_request`.
 */
export const githubSubject = {
  environment: (repository: string, environment: string) =>
    `repo:${repository}:environment:${environment}`,
  pullRequest: (repository: string) => `repo:${repository}:pull_request`,
};

const repositoryPattern = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;

export interface GitHubDeployAccessStackProps extends StackProps {
  /** `owner/name`, spelled as GitHub spells it (IAM compares the `sub` claim case-sensitively). */
  readonly repository: string;
  /** GitHub environments whose jobs may deploy: the stages. */
  readonly environments: readonly string[];
  /**
   * A second role for `cdk diff` in this repository's pull requests, which may assume only the
   * lookup role (read-only). Pull requests from forks get no token at all.
   * @default true
   */
  readonly pullRequestDiff?: boolean;
  /**
   * The account's provider for GitHub's issuer, when it has one already (IAM allows one per URL).
   * @default - one is created
   */
  readonly oidcProviderArn?: string;
  /** The qualifier given to `cdk bootstrap`. @default the CDK default, `hnb659fds` */
  readonly bootstrapQualifier?: string;
}

/**
 * What the pipeline needs in AWS, and nothing more: GitHub's OIDC provider, a deploy role that
 * only the repository's environment jobs can assume and that may only assume the CDK bootstrap
 * roles of this account and Region (the CLI does the rest through them), and optionally a role
 * for pull requests that may only assume the read-only lookup role. No long-lived key anywhere.
 */
export class GitHubDeployAccessStack extends Stack {
  readonly deployRole: Role;
  readonly diffRole?: Role;

  constructor(scope: Construct, id: string, props: GitHubDeployAccessStackProps) {
    super(scope, id, {
      description: `Items API: GitHub Actions OIDC access for ${props.repository}`,
      ...props,
    });
    if (!repositoryPattern.test(props.repository)) {
      throw new Error(`githubRepository must be owner/name, got "${props.repository}"`);
    }
    if (props.environments.length === 0) throw new Error('Give at least one environment');
    const qualifier = props.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const provider: IOidcProvider = props.oidcProviderArn
      ? OidcProviderNative.fromOidcProviderArn(this, 'GitHubOidc', props.oidcProviderArn)
      : new OidcProviderNative(this, 'GitHubOidc', {
          url: `https://${GitHubOidc.host}`,
          clientIds: [GitHubOidc.audience],
        });
    const bootstrapRoleArn = (role: BootstrapRole) =>
      `arn:${this.partition}:iam::${this.account}:role/cdk-${qualifier}-${role}-role-${this.account}-${this.region}`;
    const trustedRole = (
      roleId: string,
      subjects: string[],
      may: BootstrapRole[],
      what: string,
    ) => {
      const role = new Role(this, roleId, {
        description: what,
        maxSessionDuration: Duration.hours(1),
        assumedBy: new OpenIdConnectPrincipal(provider, {
          StringEquals: {
            [`${GitHubOidc.host}:aud`]: GitHubOidc.audience,
            [`${GitHubOidc.host}:sub`]: subjects,
          },
        }),
      });
      // The CLI assumes these itself; tags are not passed, so sts:TagSession is not needed.
      role.addToPolicy(
        new PolicyStatement({ actions: ['sts:AssumeRole'], resources: may.map(bootstrapRoleArn) }),
      );
      return role;
    };

    this.deployRole = trustedRole(
      'DeployRole',
      props.environments.map((env) => githubSubject.environment(props.repository, env)),
      ['deploy', 'file-publishing', 'lookup'],
      `GitHub Actions deploys of ${props.repository} (environments ${props.environments.join(', ')})`,
    );
    new CfnOutput(this, 'DeployRoleArn', {
      value: this.deployRole.roleArn,
      description: 'GitHub variable AWS_DEPLOY_ROLE_ARN',
    });
    if (props.pullRequestDiff ?? true) {
      this.diffRole = trustedRole(
        'DiffRole',
        [githubSubject.pullRequest(props.repository)],
        ['lookup'],
        `GitHub Actions cdk diff in pull requests of ${props.repository}`,
      );
      new CfnOutput(this, 'DiffRoleArn', {
        value: this.diffRole.roleArn,
        description: 'GitHub variable AWS_DIFF_ROLE_ARN',
      });
    }
  }
}
