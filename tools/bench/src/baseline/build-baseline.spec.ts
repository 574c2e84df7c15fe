import { apiBuildOptions } from '@items-api/local';
import { baselineBuildOptions } from './build-baseline';

describe('baseline esbuild options', () => {
  it("are the api build's own, for the baseline entry, without the kit's aliases", () => {
    const api = apiBuildOptions();
    const baseline = baselineBuildOptions('/repo');
    expect(api.alias).toBeDefined();
    expect(baseline).not.toHaveProperty('alias');
    for (const key of [
      'bundle',
      'minify',
      'platform',
      'target',
      'format',
      'mainFields',
      'banner',
    ]) {
      expect([key, baseline[key as keyof typeof baseline]]).toEqual([
        key,
        api[key as keyof typeof api],
      ]);
    }
    expect(baseline.entryPoints).toEqual([expect.stringMatching(/get-item-handler\.ts$/)]);
    expect(baseline.outfile).toBe('/repo/dist/tools/bench/baseline/main.mjs');
  });
});
