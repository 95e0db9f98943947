// The prune dialog on a live engine: options become a prune-images plan,
// re-planned as they change, so the list of what goes is the plan Confirm runs.
// Runs on each engine of support/engines.ts. Podman's API has no build cache
// prune (POST /build/prune answers 404 on Podman 5.4): the last test says what
// the app should do there.

import { buildImage, resetEngine, runContainer } from '../engines/harness';
import { expect, test } from './support/app-fixture';
import {
  confirmAndWait,
  engineContainerNames,
  engineImageIds,
  engineTags,
  expectAccessible,
  goTo,
  settledPlan,
  shotBothSchemes,
} from './support/plan-steps';

test.use({ viewport: { width: 1280, height: 900 } });

test.beforeEach(async ({ app }) => {
  await resetEngine(app.docker);
});

async function openPrune(page: import('@playwright/test').Page) {
  await goTo(page, 'overview');
  await page.getByRole('button', { name: 'Prune unused…' }).click();
  const dialog = page.getByTestId('prune-dialog');
  await expect(dialog).toBeVisible();
  await settledPlan(dialog);
  return dialog;
}

test('prune dangling images', async ({ app }) => {
  // Rebuilding a tag with new content leaves the old image dangling.
  const dangling = await buildImage(app.docker, { tag: 'pr/app:1', files: { '/app.txt': 'old' } });
  const current = await buildImage(app.docker, { tag: 'pr/app:1', files: { '/app.txt': 'new' } });
  await app.open();

  const dialog = await openPrune(app.page);
  await expect(dialog.getByRole('radio', { name: 'Dangling only (no tag)' })).toBeChecked();
  const images = dialog.locator('[data-group="remove-image"]');
  await expect(images).toContainText(dangling.slice(7, 19));
  await expect(images).toContainText('dangling: it has no tag');
  await expect(dialog.getByTestId('plan-confirm')).toHaveText('Remove 1 image');
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'prune-dangling');

  await confirmAndWait(dialog);
  const ids = await engineImageIds(app.docker);
  expect(ids).not.toContain(dangling);
  expect(ids).toContain(current);
  expect(await engineTags(app.docker)).toContain('pr/app:1');
});

test('prune unused older than 24 h keeps new images; a custom cutoff takes them, minus what is kept', async ({
  app,
}) => {
  await buildImage(app.docker, { tag: 'old/a:1', files: { '/a.txt': 'a' } });
  await buildImage(app.docker, { tag: 'old/b:1', files: { '/b.txt': 'b' } });
  await buildImage(app.docker, { tag: 'old/pinned:1', files: { '/p.txt': 'p' }, labels: { keep: 'true' } });
  await buildImage(app.docker, { tag: 'old/pg:15', files: { '/pg.txt': 'pg' } });
  await buildImage(app.docker, { tag: 'old/used:1', files: { '/u.txt': 'u' } });
  await runContainer(app.docker, 'old/used:1', { name: 'used-1', running: true });
  await buildImage(app.docker, { tag: 'old/stopped:1', files: { '/s.txt': 's' } });
  await runContainer(app.docker, 'old/stopped:1', { name: 'stopped-1', running: false });
  const before = (await engineImageIds(app.docker)).sort();
  await app.open();

  const dialog = await openPrune(app.page);
  await dialog.getByRole('radio', { name: 'All unused (no container at all)' }).check();
  await dialog.getByRole('radio', { name: '24 hours' }).check();
  await settledPlan(dialog);
  // Everything was built seconds ago: nothing is older than 24 h.
  await expect(dialog.locator('.steps')).toContainText('Nothing to do');
  await expect(dialog.getByTestId('plan-confirm')).toBeDisabled();
  expect((await engineImageIds(app.docker)).sort()).toEqual(before);

  await dialog.getByRole('radio', { name: 'Custom' }).check();
  await dialog.getByRole('spinbutton').fill('0');
  await dialog.getByRole('combobox').selectOption('minutes');
  await dialog.getByLabel('Keep labels').fill('keep=true');
  await dialog.getByLabel('Keep names').fill('old/pg:*, barnacle-test/*');
  await dialog.getByRole('checkbox', { name: /Also remove stopped containers/ }).check();
  // Podman has no build cache endpoint: see the last test.
  const withCache = app.engine.family === 'docker';
  if (withCache) await dialog.getByRole('checkbox', { name: 'Also prune the build cache' }).check();
  await settledPlan(dialog);
  const images = dialog.locator('[data-group="remove-image"]');
  await expect(images).toContainText('old/a:1');
  await expect(images).toContainText('old/b:1');
  await expect(images).toContainText('old/stopped:1');
  await expect(images).not.toContainText('old/pinned');
  await expect(images).not.toContainText('old/used');
  await expect(dialog.locator('[data-group="remove-container"]')).toContainText('stopped-1');
  await expect(dialog.locator('section.skipped')).toContainText('matches a keep pattern');
  if (withCache) await expect(dialog.getByTestId('build-cache-note')).toContainText('docker builder prune');
  await expect(dialog.getByTestId('plan-confirm')).toHaveText('Remove 1 container and 3 images');
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'prune-unused-custom');

  const summary = await confirmAndWait(dialog);
  if (withCache) await expect(dialog.getByTestId('build-cache-result')).toContainText('Build cache: freed');
  await expect(summary).toContainText('removed 3 images and 1 container');
  await shotBothSchemes(app.page, 'prune-summary');
  const tags = await engineTags(app.docker);
  for (const gone of ['old/a:1', 'old/b:1', 'old/stopped:1']) expect(tags).not.toContain(gone);
  for (const kept of ['old/pinned:1', 'old/pg:15', 'old/used:1', 'barnacle-test/busybox:base'])
    expect(tags).toContain(kept);
  const containers = await engineContainerNames(app.docker);
  expect(containers).toContain('used-1');
  expect(containers).not.toContain('stopped-1');
});

test('Podman: the build cache option never ends in a failure', async ({ app }) => {
  test.skip(app.engine.family !== 'podman', 'Docker prunes its build cache (the test above)');
  // Defect: the prune dialog offers “Also prune the build cache” on Podman, whose API has no
  // POST /build/prune (404); after the prune the summary says “Build cache prune failed: What
  // Barnacle tried to prune the build cache no longer exists. Refresh the list.” The option
  // should be left out (or disabled) on Podman, or done the way Podman can.
  test.fail(true, 'build cache prune offered on Podman fails with a misleading “no longer exists”');
  await buildImage(app.docker, { tag: 'pr/app:1', files: { '/app.txt': 'old' } });
  await buildImage(app.docker, { tag: 'pr/app:1', files: { '/app.txt': 'new' } });
  await app.open();

  const dialog = await openPrune(app.page);
  const cache = dialog.getByRole('checkbox', { name: 'Also prune the build cache' });
  if ((await cache.count()) === 0 || (await cache.isDisabled())) return; // not offered: right
  await cache.check();
  await settledPlan(dialog);
  await confirmAndWait(dialog);
  await expect(dialog.getByTestId('build-cache-result')).toContainText('Build cache: freed');
});
