import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { assertPortFree, freePort } from './free-port';

export type DynamoDbLocalOptions = {
  /** Default: a free port. */
  port?: number;
  /** Keep data in memory (tests). Default false: data lives in `dataDir`. */
  inMemory?: boolean;
  /** Where data survives restarts. Default `.local-data/dynamodb`. */
  dataDir?: string;
};

export type DynamoDbLocal = { endpoint: string; port: number; stop(): Promise<void> };

export class DynamoDbLocalError extends Error {
  override name = 'DynamoDbLocalError';
}

/** AWS's own DynamoDB Local, as shipped (jar + native libs) in the amplify-dynamodb-simulator package. */
function emulatorDir(): string {
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

/**
 * Runs java under a shell that kills it when our end of the shell's stdin closes. That happens
 * however this process ends — stop(), Ctrl-C, a crash, even SIGKILL — so no java is left behind.
 */
// (fd 3 keeps the shell's stdin: a background job's own stdin would be /dev/null.)
const WATCHDOG =
  'exec 3<&0; java "$@" & pid=$!; { read _ <&3; kill $pid 2>/dev/null; } & wait $pid';

function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if ((probe.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new DynamoDbLocalError(
      'Java is not installed: DynamoDB Local needs Java 17+ on PATH (apt-get install -y openjdk-17-jre-headless)',
    );
  }
}

async function waitUntilServing(
  endpoint: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new DynamoDbLocalError(
        `DynamoDB Local exited with code ${child.exitCode}: ${output().trim().slice(-500)}`,
      );
    }
    // Any HTTP answer (400 for a bare GET) means the server is up.
    const up = await fetch(endpoint).then(
      () => true,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new DynamoDbLocalError(
    `DynamoDB Local did not start within 60 s: ${output().trim().slice(-500)}`,
  );
}

export async function startDynamoDbLocal(
  options: DynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  await assertPortFree(port).catch((error: Error) => {
    throw new DynamoDbLocalError(
      `DynamoDB Local cannot start: ${error.message} (pick another with --dynamodb-port)`,
    );
  });
  const dir = emulatorDir();
  const dataDir = resolve(options.dataDir ?? '.local-data/dynamodb');
  if (!options.inMemory) mkdirSync(dataDir, { recursive: true });
  const storage = options.inMemory ? ['-inMemory'] : ['-dbPath', dataDir];
  const args = [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-sharedDb',
    ...storage,
  ];
  assertJava();
  const child = spawn('sh', ['-c', WATCHDOG, 'dynamodb-local', ...args], {
    cwd: dir,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.stdin?.end();
    });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(endpoint, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, stop };
}
