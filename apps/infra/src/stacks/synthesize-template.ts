import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { Source } from 'aws-cdk-lib/aws-s3-deployment';
import { resolveStageConfig, type StageOverrides } from '../stages/stages';
import { ItemsApiStack, stackNameFor } from './items-api-stack';

export type SynthesizeTemplateOptions = {
  /** `dev` or `prod`. */
  readonly stage: string;
  readonly overrides?: StageOverrides;
};

/** Stands in for the built web app's page (the deploy puts the CSP into its head). */
export const placeholderIndexHtml =
  '<!doctype html><html><head><title>placeholder</title></head></html>';

/** Stands in for a bundle: the template is the same whatever the code, and no build is needed. */
const placeholderCode = () =>
  Code.fromInline('exports.handler = async () => ({ statusCode: 501, body: "placeholder" });');

/** A stage's stack in a fresh app, with placeholder code: for tests and in-process synthesis. */
export function buildPlaceholderStack(
  options: SynthesizeTemplateOptions,
  outdir?: string,
): { app: App; stack: ItemsApiStack } {
  const config = resolveStageConfig(options.stage, options.overrides);
  const app = new App({ analyticsReporting: false, outdir });
  const stack = new ItemsApiStack(app, stackNameFor(config.stageName), {
    config,
    itemsCode: placeholderCode(),
    docsCode: placeholderCode(),
    webSource: Source.data('index.html', placeholderIndexHtml),
    webIndexHtml: placeholderIndexHtml,
  });
  return { app, stack };
}

/**
 * The CloudFormation template of a stage's stack, built in-process with placeholder code:
 * nothing to build, and the cloud assembly goes to a temp dir that is removed afterwards.
 * The local server reads its gateway settings from it, so it follows what the stack deploys.
 */
export function synthesizeTemplate(options: SynthesizeTemplateOptions): Record<string, unknown> {
  const outdir = mkdtempSync(join(tmpdir(), 'items-api-synth-'));
  try {
    const { app, stack } = buildPlaceholderStack(options, outdir);
    return app.synth().getStackArtifact(stack.artifactId).template as Record<string, unknown>;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
