import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** `nx run api:build` (from Nx's cache when nothing changed): the bundle Lambda would run. */
export function buildApiBundle(root: string): string {
  const result = spawnSync(
    process.execPath,
    [require.resolve('nx/bin/nx.js'), 'run', 'api:build', '--outputStyle=static'],
    { cwd: root, env: { ...process.env, NX_DAEMON: 'false' }, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`nx run api:build failed:\n${result.stdout}\n${result.stderr}`);
  }
  const bundle = join(root, 'dist/apps/api/main.mjs');
  if (!existsSync(bundle)) throw new Error(`nx run api:build did not write ${bundle}`);
  return bundle;
}
