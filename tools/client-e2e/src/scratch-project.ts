import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanNpmEnv, runCommand, type CommandResult } from './run-command';

const fixtures = join(__dirname, '..', 'fixtures', 'consumer');

export type ScratchProject = {
  readonly dir: string;
  /** `tsc -p <config> --noEmit` with the project's own TypeScript. */
  typecheck(config: string): Promise<CommandResult>;
  /** Emits `out/consumer.mjs` (ESM) and `out/consumer.cjs` (CommonJS) under `module: nodenext`. */
  compile(): Promise<CommandResult>;
  /** Runs an emitted file with this Node.js and returns what it printed. */
  run(file: string, env: Record<string, string>): Promise<CommandResult>;
  dispose(): Promise<void>;
};

/**
 * A new npm project in the system temp directory, far from the workspace's node_modules and
 * tsconfig paths, with the tarballs and TypeScript installed, and the consumer in three
 * flavours: `.ts` (bundler resolution), `.mts` (ESM) and `.cts` (CommonJS).
 */
export async function createScratchProject(tarballs: readonly string[]): Promise<ScratchProject> {
  const dir = await mkdtemp(join(tmpdir(), 'items-client-consumer-'));
  const packageJson = { name: 'items-client-consumer', private: true, license: 'UNLICENSED' };
  await writeFile(join(dir, 'package.json'), JSON.stringify(packageJson, null, 2));
  for (const file of ['tsconfig.nodenext.json', 'tsconfig.bundler.json']) {
    await copyFile(join(fixtures, file), join(dir, file));
  }
  for (const extension of ['ts', 'mts', 'cts']) {
    await copyFile(join(fixtures, 'consumer.ts'), join(dir, `consumer.${extension}`));
  }
  const npmEnv = cleanNpmEnv();
  // --prefer-offline: the packages' dependencies come from the npm cache when it has them.
  const install = ['install', '--no-audit', '--no-fund', '--prefer-offline'];
  await runCommand('npm', [...install, ...tarballs, 'typescript@5.9.3'], { cwd: dir, env: npmEnv });

  const tsc = join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
  const node = (args: string[], env?: NodeJS.ProcessEnv) =>
    runCommand(process.execPath, args, { cwd: dir, env });
  return {
    dir,
    typecheck: (config) => node([tsc, '-p', config, '--noEmit']),
    compile: () => node([tsc, '-p', 'tsconfig.nodenext.json']),
    run: (file, env) => node([join(dir, file)], { ...npmEnv, ...env }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
