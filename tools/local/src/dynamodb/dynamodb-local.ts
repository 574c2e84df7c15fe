import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { assertPortFree, freePort, portInUse } from './free-port';

export type DynamoDbLocalOptions = {
  /** Default: a free port. */
  port?: number;
  /** Keep data in memory (tests). Default false: data lives in `dataDir`. */
  inMemory?: boolean;
  /** Where data survives restarts. Default `.local-data/dynamodb`. */
  dataDir?: string;
  /** Where the compiled launcher is kept. Default `defaultLauncherCacheDir()`. */
  launcherCacheDir?: string;
};

export type DynamoDbLocal = { endpoint: string; port: number; stop(): Promise<void> };

class DynamoDbLocalError extends Error {
  override name = 'DynamoDbLocalError';
}

/** The port was free when chosen and taken before DynamoDB Local could listen on it. */
export class PortTakenError extends DynamoDbLocalError {
  override name = 'PortTakenError';
}

/**
 * `start` on a port the OS hands out, then on another while the port turns out taken: a port is
 * free when the OS hands it out, and another process can take it before the JVM binds it (a
 * client's outgoing connection draws its local port from the same range).
 */
export async function onFreePort<T>(start: (port: number) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start(await freePort());
    } catch (error) {
      if (attempt >= attempts || !(error instanceof PortTakenError)) throw error;
    }
  }
}

/** AWS's own DynamoDB Local, as shipped (jar + native libs) in the amplify-dynamodb-simulator package. */
export function emulatorDir(): string {
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

/**
 * Runs java under a shell that kills it when our end of the shell's stdin closes. That happens
 * however this process ends — stop(), Ctrl-C, a crash, even SIGKILL — so no java is left behind.
 */
// (fd 3 keeps the shell's stdin: a background job's own stdin would be /dev/null.)
const WATCHDOG =
  'exec 3<&0; java "$@" & pid=$!; { read _ <&3; kill $pid 2>/dev/null; } & wait $pid';

const JDK_HINT = 'apt-get install -y openjdk-17-jdk-headless';

function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if ((probe.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new DynamoDbLocalError(
      `Java is not installed: DynamoDB Local needs Java 17+ on PATH (${JDK_HINT})`,
    );
  }
}

const LAUNCHER = 'LoopbackDynamoDbLocal';

/**
 * The user's own cache directory (`$XDG_CACHE_HOME`, else `~/.cache`), never the shared temp
 * directory: code found there is run, so only its owner may have written it.
 */
export const defaultLauncherCacheDir = () =>
  join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'items-api-local', 'dynamodb');

/**
 * Makes `dir` (and its missing parents) and checks it is a real directory of this user that no
 * one else can write to: mode 700, not a symbolic link, owned by this process's user.
 * @throws DynamoDbLocalError naming the directory and what is wrong with it.
 */
export function privateDirectory(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stats = lstatSync(dir);
  if (!stats.isDirectory()) {
    throw new DynamoDbLocalError(`${dir} is not a directory (a symbolic link?): remove it`);
  }
  if (process.getuid && stats.uid !== process.getuid()) {
    throw new DynamoDbLocalError(`${dir} belongs to another user: remove it or choose another`);
  }
  if ((stats.mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
  return dir;
}

/**
 * The compiled launcher that makes DynamoDB Local listen on 127.0.0.1 only (see
 * LoopbackDynamoDbLocal.java): compiled once per launcher source and jar, into the user's
 * private cache directory.
 */
export async function loopbackLauncher(
  emulator: string,
  cacheDir = defaultLauncherCacheDir(),
): Promise<string> {
  const source = join(__dirname, `${LAUNCHER}.java`);
  const jar = join(emulator, 'DynamoDBLocal.jar');
  const key = createHash('sha256')
    .update(readFileSync(source))
    .update(`${jar}:${statSync(jar).size}`)
    .digest('hex')
    .slice(0, 16);
  const classes = join(privateDirectory(cacheDir), key);
  if (existsSync(join(classes, `${LAUNCHER}.class`))) return classes;
  const building = mkdtempSync(`${classes}-`);
  const classpath = [jar, join(emulator, 'DynamoDBLocal_lib', '*')].join(':');
  const output = await new Promise<{ code: number | null; text: string; missing: boolean }>(
    (done) => {
      const javac = spawn('javac', ['-d', building, '-cp', classpath, source]);
      let text = '';
      javac.stderr.on('data', (chunk) => (text += chunk));
      javac.once('error', (error: NodeJS.ErrnoException) =>
        done({ code: null, text: error.message, missing: error.code === 'ENOENT' }),
      );
      javac.once('close', (code) => done({ code, text, missing: false }));
    },
  );
  if (output.code !== 0) {
    rmSync(building, { recursive: true, force: true });
    throw new DynamoDbLocalError(
      output.missing
        ? `DynamoDB Local is kept on loopback by a small launcher compiled with javac, which is missing: install a JDK (${JDK_HINT})`
        : `the DynamoDB Local launcher did not compile: ${output.text.trim().slice(-500)}`,
    );
  }
  try {
    renameSync(building, classes);
  } catch {
    // Another process compiled it meanwhile: theirs is as good.
    rmSync(building, { recursive: true, force: true });
  }
  return classes;
}

/** DynamoDB Local answers a bare GET with 400 and a request id: no other server on the port. */
async function answersAsDynamoDb(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(endpoint, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.headers.has('x-amzn-requestid');
  } catch {
    return false;
  }
}

async function waitUntilServing(
  port: number,
  endpoint: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const text = output().trim();
      if (/BindException|Address already in use/.test(text)) {
        throw new PortTakenError(`DynamoDB Local cannot start: ${portInUse(port)}`);
      }
      throw new DynamoDbLocalError(
        `DynamoDB Local exited with code ${child.exitCode}: ${text.slice(-500)}`,
      );
    }
    if (await answersAsDynamoDb(endpoint)) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new DynamoDbLocalError(
    `DynamoDB Local did not start within 60 s: ${output().trim().slice(-500)}`,
  );
}

export function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  return options.port === undefined
    ? onFreePort((port) => startOnPort(port, options))
    : startOnPort(options.port, options);
}

async function startOnPort(port: number, options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  await assertPortFree(port).catch((error: NodeJS.ErrnoException) => {
    const Failure = error.code === 'EADDRINUSE' ? PortTakenError : DynamoDbLocalError;
    throw new Failure(`DynamoDB Local cannot start: ${error.message}`);
  });
  return launchOnPort(port, options);
}

/**
 * Starts the JVM on `port` without checking the port first: what `startDynamoDbLocal` does once
 * its check has passed, so a port taken between the two ends in the JVM's own bind error.
 */
export async function launchOnPort(
  port: number,
  options: DynamoDbLocalOptions,
): Promise<DynamoDbLocal> {
  const dir = emulatorDir();
  const dataDir = resolve(options.dataDir ?? '.local-data/dynamodb');
  if (!options.inMemory) mkdirSync(dataDir, { recursive: true });
  const storage = options.inMemory ? ['-inMemory'] : ['-dbPath', dataDir];
  assertJava();
  const launcher = await loopbackLauncher(dir, options.launcherCacheDir);
  const args = [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-cp',
    [launcher, join(dir, 'DynamoDBLocal.jar')].join(':'),
    LAUNCHER,
    '-port',
    String(port),
    '-sharedDb',
    // No usage data leaves the machine.
    '-disableTelemetry',
    ...storage,
  ];
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
    await waitUntilServing(port, endpoint, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, stop };
}
