// The CDK app `cdk` runs (see cdk.json): one stack, for the stage chosen with `-c stage=…`.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { Source } from 'aws-cdk-lib/aws-s3-deployment';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { ItemsApiStack, stackNameFor } from './stacks/items-api-stack';
import { overridesFromContext } from './stages/context-overrides';
import { resolveStageConfig } from './stages/stages';

const workspaceRoot = resolve(__dirname, '../../..');

/** A project's esbuild output; `infra:synth` depends on its build, so it is there. */
function bundle(project: 'api' | 'docs'): Code {
  const dir = resolve(workspaceRoot, 'dist/apps', project);
  if (!existsSync(resolve(dir, 'main.mjs'))) {
    throw new Error(`${dir}/main.mjs is missing: run "npx nx run ${project}:build" first`);
  }
  return Code.fromAsset(dir);
}

/** The built web app and its page; `infra:synth` depends on `web:build`. */
function webSite() {
  const dir = resolve(workspaceRoot, 'dist/apps/web');
  if (!existsSync(resolve(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html is missing: run "npx nx run web:build" first`);
  }
  return { source: Source.asset(dir), indexHtml: readFileSync(resolve(dir, 'index.html'), 'utf8') };
}

function main() {
  const app = new App({ analyticsReporting: false });
  const context = (key: string) => app.node.tryGetContext(key);
  const config = resolveStageConfig(
    String(context('stage') ?? 'dev'),
    overridesFromContext(context),
  );
  const site = webSite();
  new ItemsApiStack(app, stackNameFor(config.stageName), {
    config,
    itemsCode: bundle('api'),
    docsCode: bundle('docs'),
    webSource: site.source,
    webIndexHtml: site.indexHtml,
    // Account and region of the credentials the CLI runs with; unset offline (env-agnostic).
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  // cdk-nag runs as a policy-validation plugin: an unacknowledged finding fails the synth.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  app.synth();
}

try {
  main();
} catch (error) {
  // One line, not a stack trace: these are configuration mistakes, not bugs.
  console.error(`infra: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
