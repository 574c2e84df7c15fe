// `nx run docs:static`: the self-contained docs folder dist/docs-site (see writeStaticSite).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeStaticSite } from '../src/site/static-site';

const outDir = join(__dirname, '..', '..', '..', 'dist', 'docs-site');
rmSync(outDir, { recursive: true, force: true });
console.log(`wrote ${writeStaticSite(outDir)} (open it in a browser)`);
