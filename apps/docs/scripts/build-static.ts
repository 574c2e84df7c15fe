// `nx run docs:static`: a self-contained copy of the docs in dist/docs-site, to open from disk or
// host anywhere: index.html (document embedded, since file:// pages cannot fetch), the assets under
// docs/ (the same relative URLs the served page uses) and openapi.json for download.
import openApiDocument from '@items-api/contract/openapi.json';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetNames, assetSourcePath, loadAssets } from '../src/site/asset-files';
import { assetsPath, renderDocsPage } from '../src/site/docs-page';

const outDir = join(__dirname, '..', '..', '..', 'dist', 'docs-site');

rmSync(outDir, { recursive: true, force: true });
mkdirSync(join(outDir, assetsPath), { recursive: true });
for (const name of assetNames) {
  copyFileSync(assetSourcePath(name), join(outDir, assetsPath, name));
}
writeFileSync(join(outDir, 'openapi.json'), `${JSON.stringify(openApiDocument, null, 2)}\n`);
writeFileSync(
  join(outDir, 'index.html'),
  renderDocsPage({
    title: `${openApiDocument.info.title} docs`,
    assets: loadAssets(),
    embeddedDocument: openApiDocument,
  }),
);
console.log(`wrote ${outDir}/index.html (open it in a browser)`);
