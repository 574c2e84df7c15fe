// `nx run docs:build`: the docs Lambda as ONE ESM file, dist/apps/docs/main.mjs (handler
// `main.handler`), with the page's assets copied into dist/apps/docs/assets (no node_modules there).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assetNames, assetSourcePath } from '../src/site/asset-files';

const root = join(__dirname, '..', '..', '..');
const outDir = join(root, 'dist', 'apps', 'docs');
const kib = (path: string) => `${(statSync(path).size / 1024).toFixed(1)} KiB`;

async function main() {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: [join(__dirname, '..', 'src', 'main.ts')],
    outfile: join(outDir, 'main.mjs'),
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    minify: true,
    tsconfig: join(root, 'tsconfig.base.json'),
    logLevel: 'warning',
    // The sources are CommonJS-minded (`__dirname` finds the assets, `require.resolve` is only
    // reached from source); in an ES module those names have to be made.
    banner: {
      js: [
        "import { createRequire } from 'node:module';",
        "import { dirname as __pathDirname } from 'node:path';",
        "import { fileURLToPath } from 'node:url';",
        'const require = createRequire(import.meta.url);',
        'const __dirname = __pathDirname(fileURLToPath(import.meta.url));',
      ].join('\n'),
    },
  });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  for (const name of assetNames) copyFileSync(assetSourcePath(name), join(outDir, 'assets', name));

  console.log(`main.mjs ${kib(join(outDir, 'main.mjs'))}`);
  for (const name of assetNames) console.log(`assets/${name} ${kib(join(outDir, 'assets', name))}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
