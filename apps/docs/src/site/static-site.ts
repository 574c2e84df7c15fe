import openApiDocument from '@items-api/contract/openapi.json';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetNames, assetSourcePath, loadAssets } from './asset-files';
import { assetsPath, renderDocsPage } from './docs-page';

/**
 * Writes a self-contained copy of the docs to open from disk or host anywhere: index.html with
 * the document embedded (a `file://` page cannot fetch), the assets under `docs/` (the relative
 * URLs the served page uses too) and openapi.json for download. Returns the index.html path.
 */
export function writeStaticSite(outDir: string): string {
  mkdirSync(join(outDir, assetsPath), { recursive: true });
  for (const name of assetNames) {
    copyFileSync(assetSourcePath(name), join(outDir, assetsPath, name));
  }
  writeFileSync(join(outDir, 'openapi.json'), `${JSON.stringify(openApiDocument, null, 2)}\n`);
  const index = join(outDir, 'index.html');
  writeFileSync(
    index,
    renderDocsPage({
      title: `${openApiDocument.info.title} docs`,
      assets: loadAssets(),
      embeddedDocument: openApiDocument,
    }),
  );
  return index;
}
