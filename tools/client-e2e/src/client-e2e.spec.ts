import { startLocalApi, type LocalApi } from '@items-api/local';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packPackages, type PackedPackage } from './pack-packages';
import { createScratchProject, type ScratchProject } from './scratch-project';

type ConsumerReport = {
  created: { id: string; name: string; version: number }[];
  listed: string[];
  replaced: { id: string; name: string; tags: string[]; version: number };
  tagged: string[];
  staleStatus: number;
  afterRemove: string;
};

const entryPoints = ['index.cjs', 'index.d.mts', 'index.mjs', 'package.json', 'types/index.d.ts'];

describe('the packed client, installed in a project outside the workspace', () => {
  let tarballDir: string;
  let packed: PackedPackage[];
  let project: ScratchProject;

  beforeAll(async () => {
    tarballDir = await mkdtemp(join(tmpdir(), 'items-client-tarballs-'));
    packed = await packPackages(tarballDir);
    project = await createScratchProject(packed.map((p) => p.tarball));
  });

  afterAll(async () => {
    await project?.dispose();
    await rm(tarballDir, { recursive: true, force: true });
  });

  const packageNamed = (name: string) => packed.find((p) => p.name === name);
  const installedManifest = async (name: string) =>
    JSON.parse(await readFile(join(project.dir, 'node_modules', name, 'package.json'), 'utf8'));

  it('packs built code, declarations, docs and the licence only', () => {
    const contract = packageNamed('@items-api/contract');
    const client = packageNamed('@items-api/client');

    expect(contract?.files).toEqual(
      expect.arrayContaining([...entryPoints, 'openapi.json', 'LICENSE']),
    );
    expect(client?.files).toEqual(expect.arrayContaining([...entryPoints, 'README.md', 'LICENSE']));
    const stray = packed
      .flatMap((p) => p.files)
      .filter((f) => /\.spec\.|\.map$|^src\/|(?<!\.d)\.m?ts$|\.tsbuildinfo$/.test(f));
    expect(stray).toEqual([]);
  });

  it('declares ESM and CommonJS entry points with types, zod and ts-rest as peers', async () => {
    const client = await installedManifest('@items-api/client');
    const contract = await installedManifest('@items-api/contract');

    for (const manifest of [client, contract]) {
      expect(manifest).toMatchObject({
        sideEffects: false,
        engines: { node: expect.any(String) },
        exports: {
          '.': {
            import: { types: './index.d.mts', default: './index.mjs' },
            require: { types: './types/index.d.ts', default: './index.cjs' },
          },
        },
      });
      expect(manifest).not.toHaveProperty('devDependencies');
    }
    // zod and ts-rest are the consumer's own: one copy of each in their tree, whatever they pin.
    expect(Object.keys(client.dependencies)).toEqual(['@items-api/contract']);
    for (const manifest of [client, contract]) {
      expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['@ts-rest/core', 'zod']);
    }
    expect(contract).not.toHaveProperty('dependencies');
    expect(contract.exports['./openapi.json']).toBe('./openapi.json');
  });

  it.each(['tsconfig.nodenext.json', 'tsconfig.bundler.json'])(
    'type-checks a strict consumer with %s',
    async (config) => {
      await expect(project.typecheck(config)).resolves.toEqual({ stdout: '', stderr: '' });
    },
  );

  describe('against the local API', () => {
    let api: LocalApi;

    beforeAll(async () => {
      await project.compile();
      api = await startLocalApi({ inMemory: true });
    });

    afterAll(async () => {
      await api?.stop();
    });

    it.each([
      ['ESM', 'out/consumer.mjs'],
      ['CommonJS', 'out/consumer.cjs'],
    ])('creates, lists all, replaces with ifMatch and removes from %s', async (flavour, file) => {
      const token = await api.issueToken({ sub: `client-e2e-${flavour}` });

      const { stdout } = await project.run(file, {
        ITEMS_API_URL: api.url,
        ITEMS_API_TOKEN: token,
        FLAVOUR: flavour,
      });

      const report = JSON.parse(stdout.trim().split('\n').pop() ?? '') as ConsumerReport;
      const createdIds = report.created.map((item) => item.id);
      expect(report.created.map((item) => item.name)).toEqual(
        ['one', 'two', 'three'].map((n) => `${flavour} ${n}`),
      );
      // Three items at limit 2: the iterator has to follow nextCursor to see them all.
      expect([...report.listed].sort()).toEqual([...createdIds].sort());
      expect(report.replaced).toMatchObject({
        id: createdIds[0],
        name: `${flavour} renamed`,
        tags: ['e2e'],
        version: report.created[0].version + 1,
      });
      // Only the replaced item carries the tag; the owner's other items are not listed.
      expect(report.tagged).toEqual([createdIds[0]]);
      expect(report.staleStatus).toBe(412);
      expect(report.afterRemove).toBe('not found');
    });
  });
});
