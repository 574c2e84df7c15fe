import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toEsbuildOptions, type NxEsbuildOptions } from './esbuild-options';

/** Bundles the baseline function with api:build's own options; returns the bundle's path. */
export async function buildBaselineBundle(root: string): Promise<string> {
  const project = JSON.parse(readFileSync(join(root, 'apps/api/project.json'), 'utf8')) as {
    targets: { build: { options: NxEsbuildOptions } };
  };
  const outfile = join(root, 'dist/tools/bench/baseline/main.mjs');
  await build({
    ...toEsbuildOptions(project.targets.build.options),
    entryPoints: [join(__dirname, 'get-item-handler.ts')],
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}
