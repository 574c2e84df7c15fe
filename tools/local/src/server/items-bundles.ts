import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { context, type BuildOptions, type BuildResult, type Message } from 'esbuild';

export const workspaceRoot = resolve(__dirname, '../../../..');

/** The directories `cdk deploy` zips for the items stack (see apps/infra/src/main.ts). */
export const itemsBundleDirs = {
  api: join(workspaceRoot, 'dist/apps/api'),
  docs: join(workspaceRoot, 'dist/apps/docs'),
} as const;

/** The part of an `@nx/esbuild:esbuild` target's options that decides what the bundle is. */
type NxEsbuildTarget = {
  main: string;
  outputPath: string;
  outputFileName: string;
  tsConfig?: string;
  platform?: BuildOptions['platform'];
  target?: string;
  format?: ('esm' | 'cjs')[];
  bundle?: boolean;
  thirdParty?: boolean;
  minify?: boolean;
  sourcemap?: boolean;
  external?: string[];
  esbuildOptions?: BuildOptions & { outExtension?: unknown };
};

/**
 * esbuild options equal to what `nx run api:build` runs, read from apps/api/project.json (never
 * restated): the local server serves the same bundle `cdk deploy` uploads.
 */
export function apiBuildOptions(): BuildOptions {
  const project = JSON.parse(
    readFileSync(join(workspaceRoot, 'apps/api/project.json'), 'utf8'),
  ) as {
    targets: { build: { options: NxEsbuildTarget } };
  };
  const options = project.targets.build.options;
  if (options.format && options.format.length !== 1) {
    throw new Error(
      `api:build writes ${options.format.length} formats; the local build expects one`,
    );
  }
  // One outfile is written, so the output extension does not apply.
  const { outExtension: _outExtension, ...esbuildOptions } = options.esbuildOptions ?? {};
  return {
    ...esbuildOptions,
    entryPoints: [join(workspaceRoot, options.main)],
    outfile: join(workspaceRoot, options.outputPath, options.outputFileName),
    ...(options.tsConfig ? { tsconfig: join(workspaceRoot, options.tsConfig) } : {}),
    bundle: options.bundle ?? true,
    minify: options.minify ?? false,
    platform: options.platform,
    target: options.target,
    format: options.format?.[0] ?? 'esm',
    sourcemap: options.sourcemap ?? false,
    ...(options.thirdParty === false ? { packages: 'external' as const } : {}),
    ...(options.external ? { external: options.external } : {}),
  };
}

/** `nx run docs:build`'s script, when its bundle is not there yet (it changes with the contract only). */
function ensureDocsBundle(): void {
  if (existsSync(join(itemsBundleDirs.docs, 'main.mjs'))) return;
  const result = spawnSync(
    process.execPath,
    [
      require.resolve('tsx/cli'),
      '--tsconfig',
      join(workspaceRoot, 'apps/docs/tsconfig.json'),
      join(workspaceRoot, 'apps/docs/scripts/build-lambda.ts'),
    ],
    { cwd: workspaceRoot, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`the docs bundle did not build:\n${result.stderr}`);
}

const describe = (messages: Message[]) =>
  messages
    .map((m) => `${m.location ? `${m.location.file}:${m.location.line}: ` : ''}${m.text}`)
    .join('\n');

/**
 * Writes each changed output file through a temporary name, so an environment never loads half
 * a bundle. Says whether anything changed.
 */
function writeAtomically(result: BuildResult): boolean {
  let changed = false;
  for (const file of result.outputFiles ?? []) {
    if (existsSync(file.path) && Buffer.from(file.contents).equals(readFileSync(file.path)))
      continue;
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
    changed = true;
  }
  return changed;
}

export type ItemsBundles = {
  /** Stops watching. */
  dispose(): Promise<void>;
};

/**
 * Builds the items function's bundle (and the docs bundle when missing). With `watch`, esbuild
 * keeps rebuilding it incrementally as its sources change: a good build replaces the bundle and
 * calls `onRebuilt`; a failed one is reported through `onError` and the last good bundle stays.
 */
export async function buildItemsBundles(options: {
  watch?: { onRebuilt(): void; onError(message: string): void };
}): Promise<ItemsBundles> {
  ensureDocsBundle();
  let first = true;
  const ctx = await context({
    ...apiBuildOptions(),
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'local-reload',
        setup(build) {
          build.onEnd((result) => {
            if (first) return;
            if (result.errors.length) {
              options.watch?.onError(`api bundle not rebuilt:\n${describe(result.errors)}`);
              return;
            }
            if (writeAtomically(result)) options.watch?.onRebuilt();
          });
        },
      },
    ],
  });
  try {
    const result = await ctx.rebuild();
    writeAtomically(result);
  } catch (error) {
    await ctx.dispose();
    const errors = (error as { errors?: Message[] }).errors;
    throw new Error(`the api bundle did not build:\n${errors ? describe(errors) : String(error)}`);
  }
  first = false;
  if (!options.watch) {
    await ctx.dispose();
    return { dispose: async () => undefined };
  }
  await ctx.watch();
  return { dispose: () => ctx.dispose() };
}
