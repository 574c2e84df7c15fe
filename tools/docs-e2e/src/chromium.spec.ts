import { launchChromium } from './chromium';

describe('launchChromium', () => {
  it('fails with the one command to run when Chromium is missing', async () => {
    const launching = launchChromium('/nonexistent/chromium');

    await expect(launching).rejects.toThrow(
      'Chromium not found at /nonexistent/chromium: run `apt-get install -y chromium` (as root)',
    );
    await expect(launching).rejects.toMatchObject({ stack: expect.not.stringContaining('\n') });
  });
});
