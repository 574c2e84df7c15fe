import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);

/** Nx's lint rules read the cached project graph, and skip without one: compute it. */
function computeProjectGraph() {
  const graph = spawnSync(bin('nx'), ['show', 'projects'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false' },
    encoding: 'utf8',
  });
  if (graph.status !== 0) throw new Error(`nx show projects failed: ${graph.stderr}`);
}

/** Lints `text` as if it were the file at `path`, with the workspace's ESLint config. */
function lintAs(path: string, text: string) {
  const lint = spawnSync(bin('eslint'), ['--stdin', '--stdin-filename', path, '--format', 'json'], {
    cwd: root,
    input: text,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(lint.stdout) as {
    messages: { ruleId: string | null; message: string }[];
  }[];
  return result?.messages ?? [];
}

const manifest = (path: string) =>
  JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, Record<string, string>>;
const without = (path: string, section: string, name: string) => {
  const json = manifest(path);
  delete json[section]?.[name];
  return JSON.stringify(json, null, 2);
};

// Lint (@nx/dependency-checks) holds the published packages to their imports, and
// @nx/enforce-module-boundaries' banTransitiveDependencies every import to a declared package.
describe('what the published packages and the workspace declare', () => {
  beforeAll(computeProjectGraph);

  it('passes the packages’ manifests as they are', () => {
    for (const path of ['libs/contract/package.json', 'libs/client/package.json'])
      expect(lintAs(path, readFileSync(join(root, path), 'utf8'))).toEqual([]);
  });

  it.each([
    ['libs/contract/package.json', 'zod'],
    ['libs/contract/package.json', '@ts-rest/core'],
    ['libs/client/package.json', '@ts-rest/core'],
  ])('fails %s without its %s peer, naming it', (path, name) => {
    const messages = lintAs(path, without(path, 'peerDependencies', name));

    expect(messages.map((m) => m.ruleId)).toEqual(['@nx/dependency-checks']);
    expect(messages[0]?.message).toContain(`- ${name}`);
  });

  it('fails an import of a package that only arrives as another package’s dependency', () => {
    // ts-deepmerge is installed only as @anatine/zod-openapi's dependency.
    const messages = lintAs(
      'libs/contract/src/lib/limits.ts',
      "import merge from 'ts-deepmerge';\nexport const merged = merge;\n",
    );

    expect(messages.map((m) => m.ruleId)).toEqual(['@nx/enforce-module-boundaries']);
    expect(messages[0]?.message).toMatch(/Transitive or unresolvable dependencies/);
  });
});
