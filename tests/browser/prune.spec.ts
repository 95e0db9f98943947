// The prune dialog on a live engine: options become a prune-images plan,
// re-planned as they change, so the list of what goes is the plan Confirm runs.
// Runs on each engine of support/engines.ts. Podman's API has no build cache
// prune (POST /build/prune answers 404 on Podman 5.4): the dialog does not
// offer it there. "Older than" says which clock it reads (a choice on the
// containerd store, whose own prune reads when an image arrived), and the
// untagged build steps that go with an image are named under it.

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

async function openPrune(page: import('@playwright/test').Page, button = 'Prune unused…') {
  await goTo(page, 'overview');
  await page.getByRole('button', { name: button }).click();
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
  if (withCache) await expect(dialog.getByTestId('build-cache-note')).toContainText('a plan for the build cache');
  await expect(dialog.getByTestId('plan-confirm')).toHaveText('Remove 1 container and 3 images');
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'prune-unused-custom');

  const summary = await confirmAndWait(dialog);
  await expect(summary).toContainText('removed 3 images and 1 container');
  await shotBothSchemes(app.page, 'prune-summary');
  if (withCache) {
    // The build cache is its own plan, offered now and previewed before anything goes.
    await expect(dialog.getByTestId('build-cache-next')).toContainText('Next: the build cache.');
    await dialog.getByRole('button', { name: 'Preview the build cache plan…' }).click();
    const cachePlan = app.page.getByTestId('plan-dialog');
    await expect(cachePlan.getByRole('heading', { name: 'Prune build cache' })).toBeVisible();
    await settledPlan(cachePlan);
    await cachePlan.getByRole('button', { name: 'Cancel' }).click();
  }
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
  // Podman's API has no POST /build/prune (404): the option is shown switched off, with the reason.
  await buildImage(app.docker, { tag: 'pr/app:1', files: { '/app.txt': 'old' } });
  await buildImage(app.docker, { tag: 'pr/app:1', files: { '/app.txt': 'new' } });
  await app.open();

  const dialog = await openPrune(app.page);
  const cache = dialog.getByRole('checkbox', { name: 'Also prune the build cache' });
  await expect(cache).toBeDisabled();
  await expect(cache).not.toBeChecked();
  await expect(cache).toHaveAccessibleDescription(
    'Not on Podman: its Docker-compatible API cannot prune a build cache.',
  );
  await expect(dialog.getByTestId('build-cache-note')).toHaveCount(0);
  await expectAccessible(app.page);
  const summary = await confirmAndWait(dialog);
  await expect(summary).toContainText('removed 1 image');
  await expect(dialog.getByTestId('build-cache-next')).toHaveCount(0);
  await expect(dialog).not.toContainText('Build cache prune failed');
});

/** The prune dialog set to "all unused, older than 0 minutes", keeping the names `keep` (any language). */
async function olderThanZero(page: import('@playwright/test').Page, keep: string, button?: string) {
  const dialog = await openPrune(page, button);
  await dialog.locator('input[type="radio"][value="unused"]').check();
  // No cut-off, no clock in question.
  await expect(dialog.getByTestId('until-clock')).toHaveCount(0);
  await dialog.locator('input[type="radio"][value="custom"]').check();
  await dialog.getByRole('spinbutton').fill('0');
  await dialog.getByRole('combobox').selectOption('minutes');
  await dialog.locator('#prune-keep-names').fill(keep);
  await settledPlan(dialog);
  return dialog;
}

/** The untagged images (build steps) on the engine. */
async function untaggedIds(docker: import('dockerode')): Promise<string[]> {
  const images = await docker.listImages({ all: true });
  return images.filter((i) => (i.RepoTags ?? []).every((t) => t === '<none>:<none>')).map((i) => i.Id);
}

test('older than says which clock it reads; an image built in steps names the steps that go with it', async ({
  app,
}) => {
  await buildImage(app.docker, {
    tag: 'steps/app:1',
    files: { '/app.txt': 'app' },
    runs: ['echo one > /one.txt', 'echo two > /two.txt'],
  });
  const untagged = await untaggedIds(app.docker);
  await app.open();
  // Tall enough for the options and the plan at once, for the screenshots.
  await app.page.setViewportSize({ width: 1280, height: 1300 });

  const dialog = await olderThanZero(app.page, 'barnacle-test/*');
  const clockLine = dialog.getByTestId('until-basis');
  if (app.engine.store === 'containerd') {
    // docker image prune reads when an image arrived here: that is the default, and it says so.
    const clock = dialog.getByRole('group', { name: 'Age is judged' });
    await expect(clock).toHaveAttribute('data-testid', 'until-clock');
    await expect(clock).toHaveAccessibleDescription(/docker image prune compares when an image arrived here/);
    await expect(
      clock.getByRole('radio', { name: 'by when it arrived on this engine (as docker image prune does)' }),
    ).toBeChecked();
    await expect(clockLine).toHaveAttribute('data-basis', 'arrival');
    await expect(clockLine).toHaveText(
      'Older than 0 minutes: by when each image arrived on this engine (pulled, loaded, built or tagged here), as docker image prune does on the containerd image store.',
    );
  } else {
    await expect(dialog.getByTestId('until-clock')).toHaveText(
      'Age is judged by the build date (as docker image prune does).',
    );
    await expect(dialog.getByRole('radio', { name: /by its build date/ })).toHaveCount(0);
    await expect(clockLine).toHaveAttribute('data-basis', 'build-date');
    await expect(clockLine).toHaveText('Older than 0 minutes: by each image’s build date, as docker image prune does.');
  }

  const step = dialog.locator('[data-group="remove-image"] li[data-step]').filter({ hasText: 'steps/app:1' });
  await expect(step).toBeVisible();
  const parents = step.getByTestId('also-removes');
  // Each engine's builder leaves an untagged image per step under what it builds (Docker's classic
  // builder on both stores, Podman's with layers): the engine deletes them with the image, so the
  // plan names them, their bytes in the image's figure.
  const summary = parents.locator('summary');
  await expect(summary).toHaveText(
    /^Also removes \d+ untagged build steps \(already counted in this image’s \d+(\.\d+)? k?B\)$/,
  );
  const count = Number(/Also removes (\d+)/.exec((await summary.textContent()) ?? '')?.[1]);
  expect(count).toBeGreaterThanOrEqual(2);
  await expect(parents.locator('li').first()).toBeHidden();
  // Keyboard: the count opens into the list.
  await summary.focus();
  await app.page.keyboard.press('Enter');
  await expect(parents).toHaveAttribute('open', '');
  await expect(parents.locator('li')).toHaveCount(count);
  await expect(parents.locator('li').first()).toHaveText(/^<none>\s*untagged image\s*[0-9a-f]{12}( \(.+\))?$/);
  const listed = await parents
    .locator('li')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-parent') ?? ''));
  for (const id of listed) expect(untagged).toContain(id);
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'prune-clock-parents');

  if (app.engine.store === 'containerd') {
    await dialog
      .getByRole('radio', { name: 'by its build date (differs from docker image prune on this store)' })
      .check();
    await settledPlan(dialog);
    await expect(clockLine).toHaveAttribute('data-basis', 'build-date');
    await expect(clockLine).toHaveText(
      'Older than 0 minutes: by each image’s build date. This differs from docker image prune on this containerd image store, which compares when each image arrived here.',
    );
    await expectAccessible(app.page);
    await shotBothSchemes(app.page, 'prune-clock-build');
  }

  // Everything the plan named goes, the build steps included; nothing else does.
  await confirmAndWait(dialog);
  const left = await app.docker.listImages({ all: true });
  const leftIds = left.map((i) => i.Id);
  for (const id of listed) expect(leftIds).not.toContain(id);
  expect(await engineTags(app.docker)).not.toContain('steps/app:1');
  expect(await engineTags(app.docker)).toContain('barnacle-test/busybox:base');
});

test.describe('in Simplified Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the clock and the build steps read in Chinese', async ({ app }) => {
    await buildImage(app.docker, {
      tag: 'steps/app:1',
      files: { '/app.txt': 'app' },
      runs: ['echo one > /one.txt', 'echo two > /two.txt'],
    });
    await app.open();
    await app.page.setViewportSize({ width: 1280, height: 1300 });
    const dialog = await olderThanZero(app.page, 'barnacle-test/*', '清理未使用的镜像…');
    const clockLine = dialog.getByTestId('until-basis');
    if (app.engine.store === 'containerd') {
      await expect(
        dialog.getByRole('radio', { name: '按它到达此引擎的时间（与 docker image prune 一致）' }),
      ).toBeChecked();
      await expect(clockLine).toHaveText(/^早于 0分钟：按每个镜像到达此引擎的时间/);
    } else {
      await expect(dialog.getByTestId('until-clock')).toHaveText('按构建日期计算年龄（与 docker image prune 一致）。');
      await expect(clockLine).toHaveText('早于 0分钟：按每个镜像的构建日期，与 docker image prune 一致。');
    }
    const parents = dialog
      .locator('[data-group="remove-image"] li[data-step]')
      .filter({ hasText: 'steps/app:1' })
      .getByTestId('also-removes');
    await expect(parents.locator('summary')).toHaveText(/^同时删除 \d+ 个无标签的构建步骤镜像 （已计入此镜像的 .+）$/);
    await parents.locator('summary').click();
    await expect(parents.locator('li').first()).toContainText('<none>');
    await expect(parents.locator('li .sr-only').first()).toHaveText('无标签镜像');
    await expectAccessible(app.page);
    await shotBothSchemes(app.page, 'prune-clock-parents-zh');
    if (app.engine.store === 'containerd') {
      await dialog.locator('input[type="radio"][value="build"]').check();
      await settledPlan(dialog);
      await expect(clockLine).toContainText('这与此 containerd 镜像存储上的 docker image prune 不同');
      await shotBothSchemes(app.page, 'prune-clock-build-zh');
    }
  });
});
