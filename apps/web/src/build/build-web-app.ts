import { build, type Metafile } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename, join, resolve } from 'node:path';

const projectRoot = resolve(__dirname, '..', '..');
const workspaceRoot = resolve(projectRoot, '..', '..');

/** Where `nx run web:build` writes the app; the site construct and `npm start` serve it from here. */
const webDistDir = join(workspaceRoot, 'dist', 'apps', 'web');

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Imports in the bundle that only Node has (`node:crypto`, `fs`, …): must be none. */
export function nodeOnlyImports(metafile: Metafile): string[] {
  return Object.values(metafile.inputs).flatMap((input) =>
    input.imports
      .filter((i) => nodeBuiltins.has(i.path) || i.path.startsWith('node:'))
      .map((i) => i.path),
  );
}

/** The built app: file name (`app.js`, `index.html`, …) → contents. */
export type WebAppFiles = ReadonlyMap<string, Uint8Array>;

/**
 * Bundles `src/main.ts` for browsers (ES2022 modules, minified) next to `public/`, in memory.
 * Fails on any Node-only import: `platform: 'browser'` leaves none resolvable.
 */
export async function bundleWebApp(): Promise<{ files: WebAppFiles; metafile: Metafile }> {
  const result = await build({
    entryPoints: [join(projectRoot, 'src', 'main.ts')],
    outfile: join(projectRoot, 'out', 'app.js'),
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome111', 'firefox111', 'safari16.4'],
    minify: true,
    sourcemap: 'linked',
    metafile: true,
    legalComments: 'linked',
    tsconfig: join(workspaceRoot, 'tsconfig.base.json'),
    logLevel: 'silent',
  });
  const nodeOnly = nodeOnlyImports(result.metafile);
  if (nodeOnly.length)
    throw new Error(`Node-only imports in the web bundle: ${nodeOnly.join(', ')}`);
  const files = new Map<string, Uint8Array>(
    result.outputFiles.map((file) => [basename(file.path), file.contents]),
  );
  const publicDir = join(projectRoot, 'public');
  for (const name of readdirSync(publicDir)) files.set(name, readFileSync(join(publicDir, name)));
  return { files, metafile: result.metafile };
}

/** `nx run web:build`: the bundle written to `outDir`. */
export async function buildWebApp(outDir = webDistDir) {
  const { files, metafile } = await bundleWebApp();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [name, contents] of files) writeFileSync(join(outDir, name), contents);
  return { outDir, metafile, bytes: files.get('app.js')?.byteLength ?? 0 };
}
