import { join } from 'node:path';
import { cleanNpmEnv, runCommand } from './run-command';

const workspaceRoot = join(__dirname, '..', '..', '..');

/** The publishable packages, in dependency order, as `nx run client:build` leaves them. */
const packageDirs = ['dist/libs/contract', 'dist/libs/client'] as const;

export type PackedPackage = {
  name: string;
  version: string;
  /** Absolute path of the tarball. */
  tarball: string;
  size: number;
  files: string[];
};

type NpmPackEntry = {
  name: string;
  version: string;
  filename: string;
  size: number;
  files: { path: string }[];
};

/** `npm pack`s the built packages into `destination`, exactly what `npm publish` would upload. */
export async function packPackages(destination: string): Promise<PackedPackage[]> {
  const { stdout } = await runCommand(
    'npm',
    ['pack', ...packageDirs, '--pack-destination', destination, '--json'],
    { cwd: workspaceRoot, env: cleanNpmEnv() },
  );
  return (JSON.parse(stdout) as NpmPackEntry[]).map((entry) => ({
    name: entry.name,
    version: entry.version,
    tarball: join(destination, entry.filename),
    size: entry.size,
    files: entry.files.map((file) => file.path).sort(),
  }));
}
