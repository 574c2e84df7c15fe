import { build, type Metafile } from 'esbuild';
import { builtinModules } from 'node:module';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const projectRoot = resolve(__dirname, '..', '..');
const workspaceRoot = resolve(projectRoot, '..', '..');

/** Where `nx run web:build` writes the app; the site construct and `npm start` serve it from here. */
export const webDistDir = join(workspaceRoot, 'dist', 'apps', 'web');

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Imports in the bundle that only Node has (`node:crypto`, `fs`, …): must be none. */
export function nodeOnlyImports(metafile: Metafile): string[] {
  return Object.values(metafile.inputs).flatMap((input) =>
    input.imports
      .filter((i) => nodeBuiltins.has(i.path) || i.path.startsWith('node:'))
      .map((i) => i.path),
  );
}

/**
 * Bundles `src/main.ts` for browsers (ES2022 modules, minified) and copies `public/`. Fails on
 * any Node-only import: `platform: 'browser'` leaves none resolvable.
 */
export async function buildWebApp(outDir = webDistDir) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(projectRoot, 'src', 'main.ts')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
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
  const publicDir = join(projectRoot, 'public');
  for (const file of readdirSync(publicDir))
    copyFileSync(join(publicDir, file), join(outDir, file));
  return { outDir, metafile: result.metafile, bytes: statSync(join(outDir, 'app.js')).size };
}
