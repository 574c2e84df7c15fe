import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { buildBaselineBundle } from '../baseline/build-baseline';
import { ratioFigure } from '../report/figure';
import type { Benchmark } from './benchmark';

const sizes = (file: string) => {
  const bytes = readFileSync(file);
  return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
};

export const bundleBenchmark: Benchmark = {
  name: 'bundle',
  title: 'Bundle size',
  async run(context) {
    const items = sizes(context.apiBundle());
    const baseline = sizes(await buildBaselineBundle(context.root));
    const kb = (bytes: number) => ({ value: bytes / 1024, unit: 'KB' });
    return {
      figures: [
        ratioFigure({
          id: 'bundle',
          label: '1. bundle size (minified)',
          measured: kb(items.bytes),
          baseline: kb(baseline.bytes),
          goal: { op: '<=', limit: 1.15 },
          note: `dist/apps/api/main.mjs vs a GetCommand-only function bundled with api:build's esbuild options; gzip ${(items.gzipBytes / 1024).toFixed(1)} KB vs ${(baseline.gzipBytes / 1024).toFixed(1)} KB`,
        }),
      ],
      raw: { items, baseline },
    };
  },
};
