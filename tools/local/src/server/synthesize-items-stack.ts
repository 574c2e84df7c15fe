import {
  ItemsApiStack,
  resolveStageConfig,
  stackNameFor,
  type StageOverrides,
} from '@items-api/infra';
import { App } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { Source } from 'aws-cdk-lib/aws-s3-deployment';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itemsBundleDirs, localApiBundleDir } from './items-bundles';
import type { ItemsStack } from './items-stack';

const servedLocally = '<!doctype html><html><head><title>served locally</title></head></html>';

/**
 * The items stack of a stage as `cdk synth` makes it from the built bundles, with asset staging
 * off (`aws:cdk:disable-asset-staging`, what `sam local` asks CDK for): each function's asset
 * metadata then names the bundle directory itself, so a rebuilt bundle is what runs next.
 */
export function synthesizeItemsStack(options: {
  stage: string;
  overrides?: StageOverrides;
}): ItemsStack {
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
      itemsCode: Code.fromAsset(localApiBundleDir),
      docsCode: Code.fromAsset(itemsBundleDirs.docs),
      // The local server serves the web app itself (web-server.ts): the bucket's content is moot.
      webSource: Source.data('index.html', servedLocally),
      webIndexHtml: servedLocally,
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
