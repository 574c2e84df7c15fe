// The CDK app of the pipeline's one-time set-up (`nx run infra:deploy-access`): GitHub's OIDC
// provider and the roles GitHub Actions assumes. Deployed once per account and Region, with
// credentials of your own, after `cdk bootstrap`.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  GitHubDeployAccessStack,
  githubDeployAccessStackName,
} from './stacks/github-deploy-access-stack';
import { stageNames } from './stages/stage-config';

function main() {
  const app = new App({ analyticsReporting: false });
  const context = (key: string): unknown => app.node.tryGetContext(key);
  const repository = context('githubRepository');
  if (typeof repository !== 'string' || repository === '') {
    throw new Error(
      'give the repository: npx nx run infra:deploy-access --context githubRepository=owner/name',
    );
  }
  const pullRequestDiff = context('githubPullRequestDiff') ?? 'true';
  if (!['true', 'false', true, false].includes(pullRequestDiff as string | boolean)) {
    throw new Error(
      `-c githubPullRequestDiff=… takes true or false, got ${String(pullRequestDiff)}`,
    );
  }
  const providerArn = context('githubOidcProviderArn');
  new GitHubDeployAccessStack(app, githubDeployAccessStackName, {
    repository,
    // One GitHub environment per stage: the deploy jobs name them.
    environments: stageNames,
    pullRequestDiff: String(pullRequestDiff) === 'true',
    ...(typeof providerArn === 'string' && providerArn !== ''
      ? { oidcProviderArn: providerArn }
      : {}),
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
}

try {
  main();
} catch (error) {
  console.error(`infra: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
