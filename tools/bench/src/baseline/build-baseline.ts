import { apiBuildOptions } from '@items-api/local';
import { build, type BuildOptions } from 'esbuild';
import { join } from 'node:path';

/**
 * esbuild options for the baseline: api:build's own (read from apps/api/project.json by the
 * local server's builder, never restated), for another entry point. The baseline is a plain
 * GetCommand function as anyone would write it: the kit's aliases (the env-only credential
 * provider in place of the SDK's default chain) are what is being measured, so they stay out.
 */
export function baselineBuildOptions(root: string): BuildOptions {
  const { alias: _alias, entryPoints: _entry, outfile: _outfile, ...options } = apiBuildOptions();
  return {
    ...options,
    entryPoints: [join(__dirname, 'get-item-handler.ts')],
    outfile: join(root, 'dist/tools/bench/baseline/main.mjs'),
  };
}

/** Bundles the baseline function with api:build's own options; returns the bundle's path. */
export async function buildBaselineBundle(root: string): Promise<string> {
  const options = baselineBuildOptions(root);
  await build({ ...options, logLevel: 'warning' });
  return options.outfile as string;
}
