// The Volumes screen on a live engine: each volume's kind (by the engine's own
// mark), size and who mounts it; the anonymous prune takes only the unmounted
// anonymous volume; a named one goes only when its name is typed; a mounted
// one is never in a plan, and the preview names the container holding it.

import type Dockerode from 'dockerode';
import { resetEngine } from '../engines/harness';
import { TrayController } from '../../src-main/tray/tray-controller';
import { trayPortsFor } from '../../src-main/tray/core-ports';
import { tar } from '../engines/tar';
import { expect, test } from './support/app-fixture';
import { confirmAndWait, expectAccessible, goTo, settledPlan, shot, shotBothSchemes } from './support/plan-steps';

test.use({ viewport: { width: 1280, height: 800 } });

/** Back to no container and no volume. */
const clean = (docker: Dockerode) => resetEngine(docker);

/** A named volume free, one a created (never started) container mounts, and an anonymous one left by a removed container. */
async function volumes(docker: Dockerode): Promise<string> {
  await docker.createVolume({ Name: 'ui-cache' });
  await docker.createVolume({ Name: 'ui-data' });
  await docker.createContainer({
    Image: 'barnacle-test/busybox:base',
    name: 'ui-db',
    Cmd: ['/bin/busybox', 'sleep', '3600'],
    HostConfig: { NetworkMode: 'none', Binds: ['ui-data:/data'] },
  });
  const gone = await docker.createContainer({
    Image: 'barnacle-test/busybox:base',
    Cmd: ['/bin/busybox', 'true'],
    Volumes: { '/anon': {} },
    HostConfig: { NetworkMode: 'none' },
  });
  await gone.putArchive(tar([{ name: 'fill', data: Buffer.alloc(2 * 1024 * 1024, 1) }]), { path: '/anon' });
  const anon = (await gone.inspect()).Mounts.find((m) => m.Destination === '/anon')!.Name!;
  await gone.remove({ v: false });
  return anon;
}

const left = async (docker: Dockerode) => ((await docker.listVolumes()).Volumes ?? []).map((v) => v.Name).sort();

test('volumes: kinds, sizes and holders; prune takes the anonymous one; a named one needs its name typed', async ({
  app,
}) => {
  await clean(app.docker);
  const anon = await volumes(app.docker);
  await app.open();
  await goTo(app.page, 'volumes');
  const table = app.page.getByRole('table', { name: 'Volumes' });
  await expect(table.getByRole('row')).toHaveCount(4);
  const row = (text: string) => table.getByRole('row').filter({ hasText: text });
  await expect(row('ui-data')).toContainText('Named');
  await expect(row('ui-data')).toContainText('ui-db (Created)');
  await expect(row('ui-cache')).toContainText('not mounted');
  await expect(row(anon.slice(0, 12))).toContainText('Anonymous');
  // Sizes are measured right after the first read: the 2 MiB written into the anonymous volume.
  await expect(row(anon.slice(0, 12))).toContainText('2.1 MB');
  await expect(app.page.getByText(/^sizes measured/)).toBeVisible();
  await expectAccessible(app.page, 'main');
  await shotBothSchemes(app.page, 'volumes-screen');

  // The tray's review line: the largest reclaimable part besides images, here the volumes
  // nothing mounts; choosing it opens this screen in the window, and plans nothing.
  await goTo(app.page, 'overview');
  await app.core.inventory.refreshDiskUsage();
  const tray = new TrayController({
    ...trayPortsFor(app.core),
    notify: () => undefined,
    showPlanInWindow: () => {
      throw new Error('the review line must not plan');
    },
    showScreenInWindow: (screen) => void app.emit('showScreen', { screen }),
    onModel: () => undefined,
    locale: () => 'en',
  });
  const review = (await tray.settle()).items.find((i) => i.id === 'review-largest');
  expect(review?.label).toBe('Volumes not mounted: 2.1 MB — Review…');
  tray.reviewLargest();
  await expect(table).toBeVisible();
  await expect(app.page).toHaveURL(/#\/volumes$/);
  tray.stop();

  await app.page.getByRole('button', { name: 'Prune anonymous unused…' }).click();
  const dialog = app.page.getByTestId('plan-dialog');
  await settledPlan(dialog);
  await expect(dialog.locator('[data-group="remove-volume"] li[data-step]')).toHaveCount(1);
  await expect(dialog.getByTestId('volume-name-gate')).toHaveCount(0);
  await expect(
    dialog
      .locator('pre, code')
      .filter({ hasText: `docker volume rm ${anon}` })
      .first(),
  ).toBeVisible();
  await confirmAndWait(dialog);
  expect(await left(app.docker)).toEqual(['ui-cache', 'ui-data']);
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  await expect(table.getByRole('row')).toHaveCount(3);
  await table.getByRole('checkbox', { name: 'Select ui-cache' }).check();
  await table.getByRole('checkbox', { name: 'Select ui-data' }).check();
  await app.page.getByRole('button', { name: /^Remove selected…/ }).click();
  await settledPlan(dialog);
  await expect(dialog.locator('[data-group="remove-volume"] li[data-step]')).toHaveCount(1);
  await expect(dialog.locator('[data-group="remove-volume"]')).toContainText('ui-cache');
  await expect(dialog).toContainText('Volume ui-data stays: the container "ui-db" mounts it.');
  const confirm = dialog.getByTestId('plan-confirm');
  await expect(confirm).toBeDisabled();
  const field = dialog.getByLabel('Type its name: ui-cache');
  await field.fill('ui-cach');
  await expect(confirm).toBeDisabled();
  await field.fill('ui-cache');
  await expect(confirm).toBeEnabled();
  await expect(confirm).toHaveText('Remove 1 volume');
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'volumes-named-gate');
  await confirmAndWait(dialog);
  expect(await left(app.docker)).toEqual(['ui-data']);
  await clean(app.docker);
});

test.describe('in Simplified Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the volumes screen reads in Chinese', async ({ app }) => {
    await clean(app.docker);
    await volumes(app.docker);
    await app.open();
    await goTo(app.page, 'volumes');
    const table = app.page.getByRole('table', { name: '数据卷' });
    await expect(table.getByRole('row')).toHaveCount(4);
    await expect(table.getByRole('row').filter({ hasText: 'ui-data' })).toContainText('ui-db (已创建)');
    await expect(app.page.getByRole('button', { name: '清理未使用的匿名卷…' })).toBeVisible();
    await shot(app.page, 'volumes-screen-zh');
    await clean(app.docker);
  });
});
