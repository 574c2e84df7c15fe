import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultLauncherCacheDir,
  emulatorDir,
  loopbackLauncher,
  privateDirectory,
} from './dynamodb-local';

// The compiled launcher is code that DynamoDB Local runs: a copy someone else could have
// written (a predictable path in the shared temp directory) must never be used.
describe('the DynamoDB Local launcher cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'launcher-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const mode = (path: string) => statSync(path).mode & 0o777;

  it('is the user’s own cache directory, not the shared temp directory', () => {
    expect(defaultLauncherCacheDir().startsWith(tmpdir())).toBe(false);
    expect(defaultLauncherCacheDir()).toContain(join('items-api-local', 'dynamodb'));
  });

  it('compiles into a directory of mode 700 and reuses it', async () => {
    const cache = join(dir, 'cache');
    const classes = await loopbackLauncher(emulatorDir(), cache);
    expect(classes.startsWith(`${cache}/`)).toBe(true);
    expect(mode(cache)).toBe(0o700);
    expect(statSync(cache).uid).toBe(process.getuid!());
    expect(await loopbackLauncher(emulatorDir(), cache)).toBe(classes);
  });

  it('takes back a directory of its own that others could write to', () => {
    const cache = join(dir, 'open');
    mkdirSync(cache);
    chmodSync(cache, 0o777);
    privateDirectory(cache);
    expect(mode(cache)).toBe(0o700);
  });

  it('refuses a symbolic link in place of the directory', () => {
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(dir, 'link'));
    expect(() => privateDirectory(join(dir, 'link'))).toThrow(/is not a directory/);
  });
});
