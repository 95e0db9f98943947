// Barnacle's trash end to end on a live engine: a plan that removes images
// built here (nobody can pull them back) keeps a copy of them first; the
// preview says what the trash will take and lets the person change which
// images get one; the run says what it took; the Trash screen lists the entry
// and Restore puts the image back under its tag; Activity links the plan to
// it; Remove… is an empty-trash plan like any other. Light, dark, English and
// Chinese into test-results/flows/.

import type Dockerode from 'dockerode';
import { buildImage, resetEngine, runContainer } from '../engines/harness';
import { expect, test } from './support/app-fixture';
import {
  chooseFix,
  confirmAndWait,
  engineContainerNames,
  engineTags,
  expectAccessible,
  goTo,
  removeImagesFromList,
  settledPlan,
  shot,
  shotBothSchemes,
} from './support/plan-steps';

// The trash as a new user has it: copies of images nobody can pull back.
test.use({ viewport: { width: 1280, height: 900 }, trash: 'default' });

async function twoLocalImages(docker: Dockerode): Promise<void> {
  await resetEngine(docker);
  await buildImage(docker, { tag: 'trash/keep:1', files: { '/keep.bin': 'k'.repeat(200_000) } });
  await buildImage(docker, { tag: 'trash/skip:1', files: { '/skip.bin': 's'.repeat(100_000) } });
}

test('a plan keeps copies; the Trash lists them; Restore gives the image back; Remove… is a plan', async ({ app }) => {
  await twoLocalImages(app.docker);
  await app.open();

  const dialog = await removeImagesFromList(app.page, ['trash/keep', 'trash/skip']);
  await settledPlan(dialog);
  const trash = dialog.getByTestId('plan-trash');
  // Built here, so not pullable: the default keeps a copy of both.
  await expect(trash.getByRole('button', { name: 'Not pullable' })).toHaveAttribute('aria-pressed', 'true');
  await expect(trash.getByTestId('trash-estimate')).toContainText(/The trash takes up to \d/);
  await expect(dialog.locator('[data-group="keep-copy"]')).toBeVisible();

  // No copy of trash/skip: the plan is made again with that image's switch off.
  await trash.getByText('Per image').click();
  const skip = trash.getByRole('checkbox', { name: /trash\/skip:1/ });
  await expect(skip).toBeChecked();
  await skip.uncheck();
  await settledPlan(dialog);
  await expect(dialog.getByTestId('plan-trash').getByRole('checkbox', { name: /trash\/skip:1/ })).not.toBeChecked();
  await expect(dialog.getByTestId('plan-trash').getByRole('checkbox', { name: /trash\/keep:1/ })).toBeChecked();
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'trash-plan-preview');

  const summary = await confirmAndWait(dialog);
  await expect(summary).toContainText(/The trash took \d/);
  await shot(app.page, 'trash-plan-done');
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  expect(await engineTags(app.docker)).not.toContain('trash/keep:1');

  // The Overview shows the trash's size; the Trash screen the entry.
  await goTo(app.page, 'overview');
  await expect(app.page.getByTestId('overview-trash')).toContainText(/\d/);
  await shot(app.page, 'trash-overview');
  await goTo(app.page, 'trash');
  const entries = app.page.locator('li[data-entry]');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('trash/keep:1');
  await expect(entries.first()).not.toContainText('trash/skip:1');
  await expect(app.page.getByRole('meter')).toBeVisible();
  await expectAccessible(app.page, 'main');
  await shotBothSchemes(app.page, 'trash-screen');

  // Activity's row for the plan links to what it kept.
  await goTo(app.page, 'activity');
  await expect(app.page.getByRole('link', { name: 'Restore…' })).toBeVisible();
  await shot(app.page, 'trash-activity');
  await app.page.getByRole('link', { name: 'Restore…' }).click();
  await expect(app.page.getByText(/Showing what plan \w{8} kept/)).toBeVisible();
  await expect(entries).toHaveCount(1);

  await entries
    .first()
    .getByRole('button', { name: /^Restore / })
    .click();
  const report = entries.first().getByTestId('restore-report');
  await expect(report).toContainText('Tags put back: trash/keep:1', { timeout: 60_000 });
  expect(await engineTags(app.docker)).toContain('trash/keep:1');
  await shot(app.page, 'trash-restored');

  // Restoring removes nothing: the entry stays until a plan removes it.
  await entries
    .first()
    .getByRole('button', { name: /^Remove / })
    .click();
  const removal = app.page.getByTestId('plan-dialog');
  await settledPlan(removal);
  await expect(removal.locator('[data-group="remove-trash-entry"]')).toBeVisible();
  await shot(app.page, 'trash-remove-preview');
  await confirmAndWait(removal);
  await removal.getByRole('button', { name: 'Close' }).last().click();
  await app.page.getByRole('button', { name: 'Show all' }).click();
  await expect(app.page.getByText('The trash is empty.', { exact: false })).toBeVisible();

  // Settings: the default, the cap and the age limit, saved through main and read back by the Trash screen.
  await goTo(app.page, 'settings');
  const settings = app.page.getByRole('group', { name: 'Trash' });
  await expect(settings.getByRole('radio', { name: 'Images that cannot be pulled back' })).toBeChecked();
  await settings.getByRole('radio', { name: 'Every image' }).check();
  await settings.getByTestId('trash-cap-gb').fill('5');
  await settings.getByTestId('trash-cap-gb').press('Tab');
  await settings.getByTestId('trash-age-days').fill('7');
  await settings.getByTestId('trash-age-days').press('Tab');
  await expect.poll(() => app.core.trashSettings.get()).toEqual({ keep: 'all', maxBytes: 5e9, maxAgeDays: 7 });
  await settings.scrollIntoViewIfNeeded();
  await shotBothSchemes(app.page, 'trash-settings');
  await goTo(app.page, 'trash');
  await expect(app.page.getByTestId('trash-cap')).toContainText('of 5 GB');
  await expect(app.page.getByTestId('trash-cap')).toContainText('more than 7 days');
});

test('a stopped container goes with its image into the trash and comes back under its name', async ({ app }) => {
  await resetEngine(app.docker);
  await buildImage(app.docker, { tag: 'trash/job:1', files: { '/j.txt': 'j' } });
  await runContainer(app.docker, 'trash/job:1', { name: 'trash-job', running: false, writeBytes: 4096 });
  await app.open();

  const dialog = await removeImagesFromList(app.page, ['trash/job']);
  await chooseFix(dialog, 'stopped-container', /Remove the stopped container, then the image/);
  await expect(dialog.getByTestId('trash-estimate')).toContainText(/up to \d/);
  await confirmAndWait(dialog);
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  expect(await engineContainerNames(app.docker)).not.toContain('trash-job');

  await goTo(app.page, 'trash');
  const entry = app.page.locator('li[data-entry]').first();
  await expect(entry).toContainText('1 stopped container');
  await expect(entry).toContainText('trash-job');
  await shot(app.page, 'trash-with-container');
  await entry.getByRole('button', { name: /^Restore / }).click();
  const report = entry.getByTestId('restore-report');
  await expect(report).toContainText('Container trash-job made again', { timeout: 60_000 });
  await expect(report).toContainText('Tags put back: trash/job:1');
  expect(await engineContainerNames(app.docker)).toContain('trash-job');
  // The lists follow: the restored container is counted in the sidebar.
  await expect(app.page.getByRole('navigation').locator('a[href="#/containers"]')).toContainText('1');
  await shot(app.page, 'trash-container-restored');
});

test.describe('in Simplified Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the trash screen reads in Chinese', async ({ app }) => {
    await twoLocalImages(app.docker);
    await app.open();
    await goTo(app.page, 'images');
    await app.page.getByRole('grid').getByRole('row').filter({ hasText: 'trash/keep' }).first().click();
    await app.page.getByRole('button', { name: /删除所选/ }).click();
    const dialog = app.page.getByTestId('plan-dialog');
    await settledPlan(dialog);
    await expect(dialog.getByTestId('trash-estimate')).toContainText('回收站最多占用');
    await shot(app.page, 'trash-plan-preview-zh');
    await confirmAndWait(dialog);
    await dialog.getByRole('button', { name: '关闭' }).last().click();
    await goTo(app.page, 'trash');
    await expect(app.page.locator('li[data-entry]')).toHaveCount(1);
    await expect(app.page.getByRole('heading', { name: '回收站' })).toBeVisible();
    await shotBothSchemes(app.page, 'trash-screen-zh');
    await goTo(app.page, 'settings');
    const settings = app.page.getByRole('group', { name: '回收站' });
    await expect(settings.getByRole('radio', { name: '无法重新拉取的镜像' })).toBeChecked();
    await settings.scrollIntoViewIfNeeded();
    await shot(app.page, 'trash-settings-zh');
  });
});
