import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  watch,
  writeFileSync,
  type FSWatcher,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { context, type BuildOptions, type BuildResult, type Message } from 'esbuild';

export const workspaceRoot = resolve(__dirname, '../../../..');

/** The directories `cdk deploy` zips for the items stack (see apps/infra/src/main.ts). */
export const itemsBundleDirs = {
  api: join(workspaceRoot, 'dist/apps/api'),
  docs: join(workspaceRoot, 'dist/apps/docs'),
} as const;

/**
 * Where `npm start` writes the items bundle: api:build's bundle plus a source map, kept out of the
 * directory `cdk deploy` zips so the deployed asset never carries the map.
 */
export const localApiBundleDir = join(workspaceRoot, 'dist/local/apps/api');

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
    // Relative paths in the options (the credential provider's alias) are the workspace's.
    absWorkingDir: workspaceRoot,
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

/**
 * api:build's options with a linked source map (sources embedded), written to
 * `localApiBundleDir`: stack traces (`--enable-source-maps`) and debuggers name the TypeScript
 * files and lines, while the code is the deployed code byte for byte but for the map's comment.
 */
export function localApiBuildOptions(): BuildOptions {
  const options = apiBuildOptions();
  return {
    ...options,
    outfile: join(localApiBundleDir, basename(options.outfile ?? 'main.mjs')),
    sourcemap: 'linked',
    sourcesContent: true,
  };
}

/** What the docs bundle is built from: its sources, its build script and the contract's document. */
const DOCS_SOURCES = [
  'apps/docs/src',
  'apps/docs/scripts',
  'libs/contract/src',
  'libs/contract/openapi.json',
];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

const docsBundleIsCurrent = () => {
  const bundle = join(itemsBundleDirs.docs, 'main.mjs');
  return (
    existsSync(bundle) &&
    statSync(bundle).mtimeMs >=
      Math.max(...DOCS_SOURCES.map((source) => newestChange(join(workspaceRoot, source))))
  );
};

/** `nx run docs:build`'s own script (the docs bundle has no watch mode of its own). */
function buildDocsBundle(): Promise<void> {
  return new Promise((resolveBuild, reject) => {
    const child = spawn(
      process.execPath,
      [
        require.resolve('tsx/cli'),
        '--tsconfig',
        join(workspaceRoot, 'apps/docs/tsconfig.json'),
        join(workspaceRoot, 'apps/docs/scripts/build-lambda.ts'),
      ],
      { cwd: workspaceRoot, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolveBuild() : reject(new Error(`docs bundle not built:\n${stderr.trim()}`)),
    );
  });
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/**
 * The docs build, by one process at a time: its script empties the output directory first, so
 * servers starting side by side (test suites) must not build it over each other. A lock left
 * by a process that died is taken over after a minute.
 */
async function buildDocsBundleOnce(): Promise<void> {
  const lock = `${itemsBundleDirs.docs}.build-lock`;
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 60_000) rmSync(lock, { recursive: true, force: true });
      await sleep(100);
    }
  }
  try {
    if (!docsBundleIsCurrent()) await buildDocsBundle();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Rebuilds the docs bundle after its sources change (a burst of saves builds once). */
function watchDocsSources(watch_: { onRebuilt(): void; onError(message: string): void }) {
  let timer: NodeJS.Timeout | undefined;
  let building = Promise.resolve();
  const rebuild = () => {
    building = building.then(() =>
      buildDocsBundleOnce().then(watch_.onRebuilt, (error: Error) => watch_.onError(error.message)),
    );
  };
  const watchers: FSWatcher[] = DOCS_SOURCES.map((source) => join(workspaceRoot, source))
    .filter((path) => existsSync(path))
    .map((path) =>
      watch(path, { recursive: true }, () => {
        clearTimeout(timer);
        timer = setTimeout(rebuild, 200);
      }).on('error', () => undefined),
    );
  return async () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
    await building;
  };
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
 * Builds the items function's bundle (`localApiBuildOptions`), and the docs bundle when it is older than its sources.
 * With `watch`, esbuild keeps rebuilding the items bundle incrementally as its sources change: a
 * good build replaces it and calls `onRebuilt`; a failed one is reported through `onError` and
 * the last good bundle stays. The docs bundle is rebuilt by its own script when its sources
 * change (its directory watcher in the runtime then starts new environments).
 */
export async function buildItemsBundles(options: {
  watch?: { onRebuilt(): void; onError(message: string): void };
}): Promise<ItemsBundles> {
  const docs = docsBundleIsCurrent() ? undefined : buildDocsBundleOnce();
  let first = true;
  const ctx = await context({
    ...localApiBuildOptions(),
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
    await docs;
  } catch (error) {
    await ctx.dispose();
    if (!(error as { errors?: Message[] }).errors) throw error;
    const errors = (error as { errors?: Message[] }).errors;
    throw new Error(`the api bundle did not build:\n${errors ? describe(errors) : String(error)}`);
  }
  first = false;
  if (!options.watch) {
    await ctx.dispose();
    return { dispose: async () => undefined };
  }
  await ctx.watch();
  const stopDocs = watchDocsSources(options.watch);
  return {
    dispose: async () => {
      await stopDocs();
      await ctx.dispose();
    },
  };
}
