import { toEsbuildOptions } from './esbuild-options';

const apiBuild = {
  platform: 'node' as const,
  target: 'node24',
  format: ['esm' as const],
  bundle: true,
  thirdParty: true,
  minify: true,
  sourcemap: false,
  esbuildOptions: {
    mainFields: ['module', 'main'],
    alias: { '@aws-sdk/credential-provider-node': './lambda-credentials.ts' },
    legalComments: 'none' as const,
    outExtension: { '.js': '.mjs' },
    banner: { js: 'import { createRequire } from "node:module";' },
  },
};

describe('baseline esbuild options', () => {
  it("carries over the options that shape the bundle, not the kit's own aliases", () => {
    expect(toEsbuildOptions(apiBuild)).toEqual({
      mainFields: ['module', 'main'],
      legalComments: 'none',
      banner: { js: 'import { createRequire } from "node:module";' },
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node24',
      format: 'esm',
      sourcemap: false,
    });
  });

  it('refuses a build that leaves third-party code out of the bundle', () => {
    expect(() => toEsbuildOptions({ ...apiBuild, thirdParty: false })).toThrow('external');
  });

  it('refuses a build with several formats', () => {
    expect(() => toEsbuildOptions({ ...apiBuild, format: ['esm', 'cjs'] })).toThrow('2 formats');
  });
});
