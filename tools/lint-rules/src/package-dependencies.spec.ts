import { computeProjectGraph, lintAs, readWorkspaceFile, type LintMessage } from './lint-as';

const manifests = ['libs/contract/package.json', 'libs/client/package.json'];
const withoutPeer = (path: string, name: string) => {
  const json = JSON.parse(readWorkspaceFile(path)) as Record<string, Record<string, string>>;
  delete json['peerDependencies']?.[name];
  return { path, text: JSON.stringify(json, null, 2) };
};
const peersRemoved = [
  ['libs/contract/package.json', 'zod'],
  ['libs/contract/package.json', '@ts-rest/core'],
  ['libs/client/package.json', '@ts-rest/core'],
] as const;
const rulesOf = (messages: LintMessage[] | undefined) => (messages ?? []).map((m) => m.ruleId);

// @nx/dependency-checks holds each published package's manifest to what its built code imports;
// @nx/enforce-module-boundaries' banTransitiveDependencies holds every import to a declared package.
describe('what the published packages and the workspace declare', () => {
  let asTheyAre: LintMessage[][];
  let withoutPeers: LintMessage[][];
  let transitiveImport: LintMessage[];

  beforeAll(() => {
    computeProjectGraph();
    const results = lintAs(
      ...manifests.map((path) => ({ path, text: readWorkspaceFile(path) })),
      ...peersRemoved.map(([path, name]) => withoutPeer(path, name)),
      // ts-deepmerge is installed only as @anatine/zod-openapi's dependency.
      {
        path: 'libs/contract/src/lib/limits.ts',
        text: "import merge from 'ts-deepmerge';\nexport const merged = merge;\n",
      },
    );
    asTheyAre = results.slice(0, manifests.length);
    withoutPeers = results.slice(manifests.length, manifests.length + peersRemoved.length);
    transitiveImport = results.at(-1) ?? [];
  });

  it('passes the packages’ manifests as they are', () => {
    expect(asTheyAre).toEqual(manifests.map(() => []));
  });

  it.each(peersRemoved.map(([path, name], i) => [path, name, i] as const))(
    'fails %s without its %s peer, naming it',
    (_path, name, i) => {
      expect(rulesOf(withoutPeers[i])).toEqual(['@nx/dependency-checks']);
      expect(withoutPeers[i]?.[0]?.message).toContain(`- ${name}`);
    },
  );

  it('fails an import of a package that only arrives as another package’s dependency', () => {
    expect(rulesOf(transitiveImport)).toEqual(['@nx/enforce-module-boundaries']);
    expect(transitiveImport[0]?.message).toMatch(/Transitive or unresolvable dependencies/);
  });
});
