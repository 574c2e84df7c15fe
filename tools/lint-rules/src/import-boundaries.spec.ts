import { computeProjectGraph, lintAs, readWorkspaceFile, type LintMessage } from './lint-as';

/** The file at `path` with one more import, used so that no other rule objects. */
const withImport = (path: string, name: string, from: string) => ({
  path,
  text: `import { ${name} } from '${from}';\n${readWorkspaceFile(path)}\nexport const probe = ${name};\n`,
});
const boundaryErrors = (messages: LintMessage[] | undefined) =>
  (messages ?? [])
    .filter((m) => m.ruleId === '@nx/enforce-module-boundaries')
    .map((m) => m.message);

// @nx/enforce-module-boundaries with the tags of eslint.config.mjs.
describe('who may import what', () => {
  let results: LintMessage[][];

  beforeAll(() => {
    computeProjectGraph();
    results = lintAs(
      withImport('apps/api/src/config.ts', 'createTestEvent', '@items-api/test-events'),
      withImport('apps/api/src/config.spec.ts', 'createTestEvent', '@items-api/test-events'),
      withImport('tools/bench/src/cli-args.ts', 'createTestEvent', '@items-api/test-events'),
      withImport('apps/infra/src/stages/stages.ts', 'loadConfig', '@items-api/api'),
    );
  });

  it('keeps the test doubles out of an application’s source', () => {
    expect(boundaryErrors(results[0])).toEqual([
      expect.stringMatching(/tagged with "type:app" can only depend on libs tagged with/),
    ]);
  });

  it('lets an application’s tests and the tools use them', () => {
    expect([boundaryErrors(results[1]), boundaryErrors(results[2])]).toEqual([[], []]);
  });

  it('refuses an import of one application by another', () => {
    expect(boundaryErrors(results[3])).toEqual([
      expect.stringMatching(/Imports of apps are forbidden/),
    ]);
  });
});
