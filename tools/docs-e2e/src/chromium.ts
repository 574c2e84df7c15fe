import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium: `.ci/run` installs it; the test never downloads a browser of its own. */
const chromiumPath = '/usr/bin/chromium';

// Quiet and hermetic: no sync, updates, first-run pages or QUIC probes that could leave the machine.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export type Chromium = { context: BrowserContext; close(): Promise<void> };

/** A one-line failure (no stack): the reader needs only the command to run. */
class ChromiumMissingError extends Error {
  constructor(executablePath: string) {
    super(`Chromium not found at ${executablePath}: run \`apt-get install -y chromium\` (as root)`);
    this.name = 'ChromiumMissingError';
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** How every browser suite launches Debian's Chromium; throws in one line when it is missing. */
export function chromiumLaunchOptions(executablePath = chromiumPath) {
  if (!existsSync(executablePath)) throw new ChromiumMissingError(executablePath);
  return { executablePath, headless: true, args: chromiumArgs };
}

/** Headless Chromium with a fresh profile, removed again by `close()`. */
export async function launchChromium(executablePath = chromiumPath): Promise<Chromium> {
  const options = chromiumLaunchOptions(executablePath);
  const userDataDir = mkdtempSync(join(tmpdir(), 'docs-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...options,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
