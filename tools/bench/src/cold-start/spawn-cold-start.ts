import { spawn } from 'node:child_process';
import { join } from 'node:path';

export type ColdStart = {
  node: string;
  bootMs: number;
  /** Importing the bundle: Lambda's init phase for this code. */
  initMs: number;
  /** The first invocation, cold SDK client and all. */
  invokeMs: number;
  /** CPU time (all threads) of the import and of the first invocation. */
  initCpuMs: number;
  invokeCpuMs: number;
  /** Spawn to exit, as the parent saw it. */
  processMs: number;
  statusCode: number;
  body?: string;
};

const childScript = join(__dirname, 'invoke-once.mjs');

/** One fresh Node process (this Node, 22) that imports `bundle` and answers `event` once. */
export function spawnColdStart(
  bundle: string,
  event: unknown,
  env: Record<string, string>,
): Promise<ColdStart> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [childScript, bundle], {
      env: { PATH: process.env.PATH ?? '', ...env, BENCH_EVENT: JSON.stringify(event) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const processMs = performance.now() - started;
      const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code !== 0 || !line) {
        reject(new Error(`cold start of ${bundle} failed (exit ${code}): ${stderr.slice(-500)}`));
        return;
      }
      resolve({ ...JSON.parse(line.slice('BENCH_RESULT '.length)), processMs });
    });
  });
}
