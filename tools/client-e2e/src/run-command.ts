import { execFile } from 'node:child_process';

export type CommandResult = { stdout: string; stderr: string };

/**
 * Runs a command without blocking the event loop (the local API under test lives in this
 * process and must keep answering), failing with its output when it exits non-zero.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { ...options, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr });
        const shown = [command, ...args].join(' ');
        reject(
          new Error(`${shown} failed (${error.code}):\n${stdout}\n${stderr}`, { cause: error }),
        );
      },
    );
  });
}

/**
 * The environment minus the `npm_*` variables an enclosing `npm run`/`npx` sets (prefix,
 * workspace paths), so npm in a scratch directory acts as it would for anyone else.
 */
export function cleanNpmEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'INIT_CWD'),
  );
  return { ...env, ...extra };
}
