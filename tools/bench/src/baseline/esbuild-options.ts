import type { BuildOptions } from 'esbuild';

/** The part of an `@nx/esbuild:esbuild` target's options that decides what the bundle holds. */
export type NxEsbuildOptions = {
  platform?: BuildOptions['platform'];
  target?: string;
  format?: ('esm' | 'cjs')[];
  bundle?: boolean;
  thirdParty?: boolean;
  minify?: boolean;
  sourcemap?: boolean;
  esbuildOptions?: BuildOptions & { outExtension?: unknown };
};

/**
 * esbuild options equal to what `@nx/esbuild` passes for the api's build target, so the baseline
 * is bundled exactly as the kit's function is (read from apps/api/project.json, never restated).
 */
export function toEsbuildOptions(options: NxEsbuildOptions): BuildOptions {
  if (options.thirdParty === false) {
    throw new Error('api:build leaves dependencies external: bundle sizes would not compare');
  }
  if (options.format && options.format.length !== 1) {
    throw new Error(`api:build writes ${options.format.length} formats; expected one`);
  }
  // The baseline is written to one outfile, so the output extension does not apply. It is a plain
  // GetCommand function as anyone would write it: the kit's aliases (the env-only credential
  // provider in place of the SDK's default chain) are what is being measured, so they stay out.
  const {
    outExtension: _outExtension,
    alias: _alias,
    ...esbuildOptions
  } = options.esbuildOptions ?? {};
  return {
    ...esbuildOptions,
    bundle: options.bundle ?? true,
    minify: options.minify ?? false,
    platform: options.platform,
    target: options.target,
    format: options.format?.[0] ?? 'esm',
    sourcemap: options.sourcemap ?? false,
  };
}
