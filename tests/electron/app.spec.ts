// Runs the real desktop app with Playwright's Electron driver. Needs the
// Electron binary, which this CI cannot download: the test then skips and
// names the missing file.

import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from './electron-binary';

const binary = findElectronBinary();

test.describe('desktop app', () => {
  test.skip('missing' in binary, `Electron binary not present: ${'missing' in binary ? binary.missing : ''}`);

  test('opens the window, shows the image list from the engine', async () => {
    if (!('path' in binary)) return;
    const app = await electron.launch({
      executablePath: binary.path,
      args: ['out/main/index.js'],
      env: { ...process.env, DOCKER_HOST: process.env.BARNACLE_TEST_DOCKER_HOST ?? '' },
    });
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Images' })).toBeVisible();
    // The page sees the contract's API and nothing of Node.
    const page = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      api: Object.keys((globalThis as { barnacle?: object }).barnacle ?? {}).length,
    }));
    expect(page).toEqual({ require: 'undefined', process: 'undefined', api: expect.any(Number) });
    expect(page.api).toBeGreaterThan(10);
    await window.screenshot({ path: 'test-results/electron-window.png' });
    await app.close();
  });
});
