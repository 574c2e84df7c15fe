import { spawn, type ChildProcess } from 'node:child_process';
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

const running = new Set<ChildProcess>();
// A crash or Ctrl-C of the parent must not leave a java process behind.
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

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
  const child = spawn('java', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const spawnFailure = new Promise<never>((_, reject) =>
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new DynamoDbLocalError(
          error.code === 'ENOENT'
            ? 'Java is not installed: DynamoDB Local needs Java 17+ on PATH (apt-get install -y openjdk-17-jre-headless)'
            : `cannot start java: ${error.message}`,
        ),
      ),
    ),
  );
  running.add(child);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([waitUntilServing(endpoint, child, () => output), spawnFailure]);
  } catch (error) {
    child.kill('SIGKILL');
    running.delete(child);
    throw error;
  }
  return {
    endpoint,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        running.delete(child);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
