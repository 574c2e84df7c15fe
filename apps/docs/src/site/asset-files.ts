import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

/** Swagger UI's prebuilt files the page loads (the standalone preset and its top bar are not needed). */
const swaggerUiFiles = ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png'];
/** Our own browser code: the initializer, a file rather than an inline script so CSP can forbid those. */
const ownFiles = ['docs-init.js'];

/** Every file served under `/docs/{asset}`; nothing else is ever read, so no path can escape. */
export const assetNames: readonly string[] = [...swaggerUiFiles, ...ownFiles];

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
};

/** A file the docs function serves, with a short content hash for cache-busting URLs. */
export type Resource = {
  readonly contentType: string;
  readonly body: Buffer;
  readonly hash: string;
};

export const toResource = (contentType: string, body: Buffer): Resource => ({
  contentType,
  body,
  hash: createHash('sha256').update(body).digest('hex').slice(0, 12),
});

/** Where an asset lives in the repository (the build copies it from here). */
export function assetSourcePath(name: string): string {
  return swaggerUiFiles.includes(name)
    ? join(dirname(require.resolve('swagger-ui-dist/package.json')), name)
    : join(__dirname, '..', 'browser', name);
}

// The Lambda has no node_modules: the build copies every asset into ./assets beside main.mjs.
// From source (tests, the local server) each file is read where it lives.
const bundledDir = join(__dirname, 'assets');

export function loadAssets(): ReadonlyMap<string, Resource> {
  const bundled = existsSync(bundledDir);
  return new Map(
    assetNames.map((name) => {
      const path = bundled ? join(bundledDir, name) : assetSourcePath(name);
      return [name, toResource(contentTypes[extname(name)], readFileSync(path))];
    }),
  );
}
