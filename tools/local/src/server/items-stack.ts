import { resolveStageConfig, stackNameFor, type StageOverrides } from '@items-api/infra';
import { ItemsApiStack } from '@items-api/infra';
import { App } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itemsBundleDirs } from './items-bundles';

/**
 * The items stack of a stage as `cdk synth` makes it from the built bundles, with asset staging
 * off (`aws:cdk:disable-asset-staging`, what `sam local` asks CDK for): each function's asset
 * metadata then names the bundle directory itself, so a rebuilt bundle is what runs next.
 */
export function synthesizeItemsStack(options: { stage: string; overrides?: StageOverrides }): {
  template: Record<string, unknown>;
  stackName: string;
} {
  const outdir = mkdtempSync(join(tmpdir(), 'items-api-local-synth-'));
  try {
    const config = resolveStageConfig(options.stage, options.overrides);
    const app = new App({
      analyticsReporting: false,
      outdir,
      context: { 'aws:cdk:disable-asset-staging': true, 'aws:cdk:enable-asset-metadata': true },
    });
    const stackName = stackNameFor(config.stageName);
    const stack = new ItemsApiStack(app, stackName, {
      config,
      itemsCode: Code.fromAsset(itemsBundleDirs.api),
      docsCode: Code.fromAsset(itemsBundleDirs.docs),
    });
    const template = app.synth().getStackArtifact(stack.artifactId).template as Record<
      string,
      unknown
    >;
    return { template, stackName: stack.stackName };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

type Resource = {
  Type: string;
  Metadata?: Record<string, unknown>;
  Properties?: Record<string, unknown>;
};

const inlineCode = (resource: Resource) =>
  resource.Type === 'AWS::Lambda::Function' &&
  Boolean((resource.Properties?.['Code'] as Record<string, unknown> | undefined)?.['ZipFile']);

/** Whether a template has functions with inline code (placeholders, for a synthesized test stack). */
export const hasInlineFunctions = (template: Record<string, unknown>) =>
  Object.values((template as { Resources?: Record<string, Resource> }).Resources ?? {}).some(
    inlineCode,
  );

/**
 * A variant of the stack's template (another throttle, extra variables — tests of CDK settings)
 * synthesized with placeholder code: each of its inline-code functions takes the code of the
 * function with the same logical id in the stack synthesized from its bundles.
 */
export function withStackCode(
  template: Record<string, unknown>,
  stackTemplate: Record<string, unknown>,
): Record<string, unknown> {
  const copy = structuredClone(template) as { Resources?: Record<string, Resource> };
  const real = (stackTemplate as { Resources?: Record<string, Resource> }).Resources ?? {};
  for (const [id, resource] of Object.entries(copy.Resources ?? {})) {
    const source = real[id];
    if (!inlineCode(resource) || !source) continue;
    resource.Properties = { ...resource.Properties, Code: source.Properties?.['Code'] };
    resource.Metadata = { ...resource.Metadata, ...source.Metadata };
  }
  return copy as Record<string, unknown>;
}
