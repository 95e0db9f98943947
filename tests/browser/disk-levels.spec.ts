// The Overview's three levels of "used" on a live engine: what the engine reports,
// its data root walked on this computer's disk, and a Podman machine's disk file
// (a real sparse file under a test home) holding far more than the engine reports,
// with the reason and the product's own command to give the space back.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from './support/app-fixture';
import { expectAccessible, shot, shotBothSchemes } from './support/plan-steps';

const home = mkdtempSync(join(tmpdir(), 'barnacle-vm-home-'));
const disk = join(home, '.local/share/containers/podman/machine/qemu/podman-machine-default.qcow2');
test.beforeAll(() => {
  mkdirSync(dirname(disk), { recursive: true });
  // 8 GiB apparent, 1.25 GiB of blocks allocated (fallocate writes nothing): a VM disk that grew.
  execFileSync('fallocate', ['-l', String(1.25 * 1024 ** 3), disk]);
  execFileSync('truncate', ['-s', '8G', disk]);
});
test.afterAll(() => rmSync(home, { recursive: true, force: true }));

test.use({ viewport: { width: 1280, height: 1400 }, vmHome: home });

test('the three levels side by side; the VM file that keeps freed space, and how to give it back', async ({ app }) => {
  await app.open();
  const card = app.page.getByTestId('disk-levels');
  await expect(card.locator('[data-level="storage"]')).toContainText(/walked/, { timeout: 20_000 });
  await expect(card.locator('[data-level="reported"]')).toContainText('GET /system/df');
  // The harness engine's data root is a folder here: walked, with its filesystem's free space.
  await expect(card.locator('[data-level="storage"]')).toContainText(/filesystem: .+ free of .+/);
  await expect(card.locator('[data-level="vm"]')).toContainText('1.34 GB');
  await expect(card.getByRole('listitem').filter({ hasText: 'Podman machine' })).toContainText(
    '1.34 GB on disk · 8.59 GB apparent',
  );
  const finding = card.getByRole('note');
  await expect(finding).toContainText('Podman machine holds 1.34 GB in its VM disk file while the engine reports');
  await expect(finding.locator('pre')).toHaveText('podman machine ssh sudo fstrim -av');
  await expect(finding).toContainText('the VM keeps running');
  await expectAccessible(app.page, '[data-testid="disk-levels"]');
  await card.scrollIntoViewIfNeeded();
  await shotBothSchemes(app.page, 'disk-levels');
});

test.describe('in Simplified Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the three levels read in Chinese', async ({ app }) => {
    await app.open();
    const card = app.page.getByTestId('disk-levels');
    await expect(card.getByRole('heading', { name: '空间实际在哪里' })).toBeVisible();
    await expect(card.getByRole('note')).toContainText('podman machine ssh sudo fstrim -av', { timeout: 20_000 });
    await expect(card.getByRole('note')).toContainText('虚拟机保持运行');
    await card.scrollIntoViewIfNeeded();
    await shot(app.page, 'disk-levels-zh');
  });
});

test.describe('an engine in a VM (this machine given another name)', () => {
  test.use({ hostName: 'not-this-machine.example', vmHome: null });

  test('unknown until allowed in Settings; then measured by a helper container, and the card says so', async ({
    app,
  }) => {
    await app.open();
    const card = app.page.getByTestId('disk-levels');
    const storage = card.locator('[data-level="storage"]');
    await expect(storage).toContainText('the engine runs in a VM or elsewhere', { timeout: 20_000 });
    await expect(storage).toContainText('unknown');

    await app.page.evaluate(() => (location.hash = '/settings'));
    const toggle = app.page.getByTestId('measure-with-helper');
    await expect(toggle).not.toBeChecked();
    await expect(app.page.getByText('Measure it with a short-lived busybox:latest container')).toBeVisible();
    // The harness engine has no busybox:latest (no registry): the fixture image stands in.
    const image = app.page.getByLabel('Helper image');
    await image.fill('barnacle-test/busybox:base');
    await image.press('Tab');
    await toggle.check();
    await expect(
      app.page.getByText('Measure it with a short-lived barnacle-test/busybox:base container'),
    ).toBeVisible();
    await shot(app.page, 'settings-disk-helper');

    await app.page.evaluate(() => (location.hash = '/overview'));
    await card.getByRole('button', { name: 'Measure again' }).click();
    await expect(storage).toContainText('by du in a helper container (barnacle-test/busybox:base), rounded to KiB', {
      timeout: 20_000,
    });
    await expect(storage).toContainText(/filesystem: .+ free of .+/);
    const left = await app.docker.listContainers({ all: true, filters: { label: ['org.barnacle.helper'] } });
    expect(left).toEqual([]);
    await expectAccessible(app.page, '[data-testid="disk-levels"]');
    await card.scrollIntoViewIfNeeded();
    await shot(app.page, 'disk-levels-helper');
  });
});
