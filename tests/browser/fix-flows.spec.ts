// The guided fix-it flows on a live engine: each conflict explained, its fixes
// offered with the safe default preselected, the chosen fix carried into the
// plan, and the engine checked afterwards with the test's own client. Runs on
// each engine of support/engines.ts; where the engines differ (what the card
// quotes, which fixes a stopped container's image gets) each one's behaviour is
// written out.

import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImage, resetEngine, runContainer, tagImage } from '../engines/harness';
import { expect, test } from './support/app-fixture';
import { productName } from './support/engines';
import {
  chooseFix,
  confirmAndWait,
  engineContainerNames,
  engineImageIds,
  engineTags,
  expectAccessible,
  goTo,
  removeImagesFromList,
  settledPlan,
  shotBothSchemes,
} from './support/plan-steps';

/** The fixes a stopped container's image gets, by image store (src-main/planning/decisions.ts). */
const STOPPED_FIXES = {
  // Docker's classic store can delete the image from under its containers.
  classic: [
    'Keep the image',
    'Remove the stopped container, then the image',
    'Force-delete the image, keep the containers',
  ],
  // The containerd store keeps the content while containers use it: forcing drops only the tags.
  containerd: [
    'Keep the image',
    'Remove the stopped container, then the image',
    'Keep the containers, remove only the tags',
  ],
  // Podman's force removes the containers too, so the app never offers it.
  podman: ['Keep the image', 'Remove the stopped container, then the image'],
};

test.use({ viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });

test.beforeEach(async ({ app }) => {
  await resetEngine(app.docker);
});

test('an image used by a running container goes after “stop and remove” is chosen', async ({ app }) => {
  await buildImage(app.docker, { tag: 'demo/api:1.4', files: { '/api.txt': 'api' } });
  await runContainer(app.docker, 'demo/api:1.4', { name: 'api-1', running: true });
  await app.open();

  const dialog = await removeImagesFromList(app.page, ['demo/api']);
  const card = dialog.locator('article[data-conflict="running-container"]');
  await expect(card).toContainText('Used by a running container');
  await expect(card).toContainText('"api-1"');
  await expect(card).toContainText(`What ${productName(app.engine)} says`);
  // Each engine's own words: Docker's conflict, Podman's "in use".
  await expect(card.locator('pre').first()).toContainText(
    app.engine.family === 'podman'
      ? 'image is in use by a container'
      : '(cannot be forced) - image is being used by running container',
  );
  // The safe default: keep the image; nothing would change.
  await expect(card.getByRole('radio', { name: 'Keep the image' })).toBeChecked();
  await expect(dialog.getByTestId('plan-confirm')).toBeDisabled();
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'fix-running-container');

  await chooseFix(dialog, 'running-container', /Stop and remove the container/);
  await expect(card.locator('pre').last()).toContainText('docker stop api-1');
  await expect(dialog.locator('[data-group="stop-container"]')).toContainText('api-1');
  await expect(dialog.locator('[data-group="remove-image"]')).toContainText('demo/api:1.4');
  await expect(dialog.getByTestId('plan-confirm')).toHaveText('Stop and remove 1 container and 1 image');
  await shotBothSchemes(app.page, 'fix-running-container-chosen');
  if (app.engine.name === 'docker20') {
    mkdirSync('docs', { recursive: true });
    copyFileSync('test-results/flows/fix-running-container-chosen-light.png', 'docs/fix-running-container.png');
  }

  const summary = await confirmAndWait(dialog);
  await expect(summary).toContainText(/Freed .* · removed 1 image and 1 container/);
  expect(await engineTags(app.docker)).not.toContain('demo/api:1.4');
  expect(await engineContainerNames(app.docker)).not.toContain('api-1');
});

test('a stopped container: remove it with the image', async ({ app }) => {
  await buildImage(app.docker, { tag: 'demo/job:1', files: { '/job.txt': 'job' } });
  await runContainer(app.docker, 'demo/job:1', { name: 'job-1', running: false });
  await app.open();

  const dialog = await removeImagesFromList(app.page, ['demo/job']);
  const card = dialog.locator('article[data-conflict="stopped-container"]');
  await expect(card).toContainText('Used by a stopped container');
  await expect(card.locator('pre').first()).toContainText(
    app.engine.family === 'podman'
      ? 'image is in use by a container'
      : '(must be forced) - image is being used by stopped container',
  );
  await expect(card.getByRole('radio', { name: 'Keep the image' })).toBeChecked();
  // Each store's own fixes, in order.
  const expected = STOPPED_FIXES[app.engine.store];
  await expect(card.getByRole('radio')).toHaveCount(expected.length);
  for (const [i, label] of expected.entries()) {
    await expect(card.getByRole('radio').nth(i)).toHaveAccessibleName(new RegExp(`^${label}`));
  }
  if (app.engine.family === 'podman') await expect(card).toContainText('On Podman, forcing the delete would remove');
  else await expect(card).not.toContainText('On Podman');
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'fix-stopped-container');

  await chooseFix(dialog, 'stopped-container', /Remove the stopped container, then the image/);
  await expect(dialog.getByTestId('plan-confirm')).toHaveText('Remove 1 container and 1 image');
  await confirmAndWait(dialog);
  expect(await engineTags(app.docker)).not.toContain('demo/job:1');
  expect(await engineContainerNames(app.docker)).not.toContain('job-1');
});

test('a stopped container: force-delete the image and keep the container (classic store)', async ({ app }) => {
  test.skip(app.engine.store !== 'classic', `${app.engine.store} store: no force-delete (see the test above)`);
  const id = await buildImage(app.docker, { tag: 'demo/cron:1', files: { '/cron.txt': 'cron' } });
  await runContainer(app.docker, 'demo/cron:1', { name: 'cron-1', running: false });
  await app.open();

  const dialog = await removeImagesFromList(app.page, ['demo/cron']);
  await chooseFix(dialog, 'stopped-container', 'Force-delete the image, keep the containers');
  const step = dialog.locator('[data-group="remove-image"] li').first();
  await expect(step.locator('[data-risk="leaves-containers-without-image"]')).toBeVisible();
  await step.locator('[data-risk="leaves-containers-without-image"]').focus();
  await expect(step.getByRole('tooltip')).toContainText('cannot be recreated');
  await expect(dialog.locator('.commands pre').last()).toContainText('docker rmi -f');
  await shotBothSchemes(app.page, 'fix-stopped-force');

  await confirmAndWait(dialog);
  expect(await engineImageIds(app.docker)).not.toContain(id);
  expect(await engineContainerNames(app.docker)).toContain('cron-1');
});

test('a stopped container: remove only the tags, keep the container and the image (containerd store)', async ({
  app,
}) => {
  test.skip(app.engine.store !== 'containerd', `${app.engine.store} store: no untag-only fix (see the test above)`);
  const id = await buildImage(app.docker, { tag: 'demo/cron:1', files: { '/cron.txt': 'cron' } });
  await runContainer(app.docker, 'demo/cron:1', { name: 'cron-1', running: false });
  await app.open();

  const dialog = await removeImagesFromList(app.page, ['demo/cron']);
  await chooseFix(dialog, 'stopped-container', 'Keep the containers, remove only the tags');
  const card = dialog.locator('article[data-conflict="stopped-container"]');
  await expect(card.locator('pre').last()).toContainText('docker rmi -f demo/cron:1');
  await expect(dialog.locator('[data-group="untag"]')).toContainText('demo/cron:1');
  await expect(dialog.locator('[data-group="remove-image"]')).toHaveCount(0);
  await expect(dialog.locator('.commands pre').last()).toContainText('docker rmi -f demo/cron:1');
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'fix-stopped-untag-only');

  await confirmAndWait(dialog);
  // The tag is gone; the image stays, untagged, for its container.
  expect(await engineTags(app.docker)).not.toContain('demo/cron:1');
  expect(await engineImageIds(app.docker)).toContain(id);
  expect(await engineContainerNames(app.docker)).toContain('cron-1');
});

test('several tags: only the selected tag, then every tag and the image', async ({ app }) => {
  const id = await buildImage(app.docker, { tag: 'demo/web:blue', files: { '/web.txt': 'web' } });
  await tagImage(app.docker, id, 'demo/web', 'green');
  await tagImage(app.docker, id, 'demo/web', 'canary');
  await app.open();

  // One tag of three: the default untags only it, and frees nothing.
  let dialog = await removeImagesFromList(app.page, ['canary']);
  const card = dialog.locator('article[data-conflict="multiple-references"]');
  await expect(card).toContainText('has 3 tags');
  await expect(card.getByRole('radio', { name: 'Remove only demo/web:canary' })).toBeChecked();
  await expect(dialog.getByTestId('plan-confirm')).toHaveText('Remove 1 tag');
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'fix-several-tags');
  await confirmAndWait(dialog);
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  expect(await engineTags(app.docker)).toEqual(expect.arrayContaining(['demo/web:blue', 'demo/web:green']));
  expect(await engineTags(app.docker)).not.toContain('demo/web:canary');
  expect(await engineImageIds(app.docker)).toContain(id);

  // Now every tag: the image itself goes.
  dialog = await removeImagesFromList(app.page, ['green']);
  await chooseFix(dialog, 'multiple-references', /Remove every tag \(2\) and the image/);
  await expect(dialog.locator('[data-group="untag"]')).toContainText('demo/web:');
  await confirmAndWait(dialog);
  expect((await engineTags(app.docker)).filter((t) => t.startsWith('demo/web'))).toEqual([]);
  expect(await engineImageIds(app.docker)).not.toContain(id);
});

test('images built on the one removed: remove them too', async ({ app }) => {
  await buildImage(app.docker, { tag: 'demo/base:1', files: { '/base.txt': 'base' } });
  await buildImage(app.docker, { tag: 'demo/child:1', from: 'demo/base:1', files: { '/child.txt': 'child' } });
  await app.open();

  const dialog = await removeImagesFromList(app.page, ['demo/base']);
  if (app.engine.store !== 'classic') {
    // The containerd store and Podman have no "dependent child images" conflict (seen live):
    // the base goes, the child stays and keeps the layers it shares with it.
    await expect(dialog.locator('article[data-conflict="dependent-children"]')).toHaveCount(0);
    await confirmAndWait(dialog);
    const left = await engineTags(app.docker);
    expect(left).not.toContain('demo/base:1');
    expect(left).toContain('demo/child:1');
    return;
  }
  const card = dialog.locator('article[data-conflict="dependent-children"]');
  await expect(card).toContainText('demo/child:1');
  await expect(card.getByRole('radio', { name: 'Keep the image' })).toBeChecked();
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'fix-child-images');

  await chooseFix(dialog, 'dependent-children', /Remove the image built on it too/);
  await expect(dialog.locator('[data-group="remove-child-image"]')).toContainText('demo/child:1');
  await confirmAndWait(dialog);
  const tags = await engineTags(app.docker);
  expect(tags).not.toContain('demo/base:1');
  expect(tags).not.toContain('demo/child:1');
});

test('a conflict raised live mid-plan opens the same guided flow and its fix', async ({ app }) => {
  await buildImage(app.docker, { tag: 'demo/late:1', files: { '/late.txt': 'late' } });
  await app.open();

  const dialog = await removeImagesFromList(app.page, ['demo/late']);
  await expect(dialog.getByTestId('plan-confirm')).toHaveText('Remove 1 image');
  // Someone starts a container on it after the preview: the plan must not go further than confirmed.
  await runContainer(app.docker, 'demo/late:1', { name: 'late-1', running: true });
  const summary = await confirmAndWait(dialog);
  await expect(summary).toContainText('skipped 1');
  await summary.getByRole('button', { name: 'Show the fixes' }).click();

  const fix = app.page.getByTestId('fix-dialog');
  await expect(fix).toBeVisible();
  await expect(fix.locator('article[data-conflict="running-container"]')).toContainText('"late-1"');
  await expect(fix.getByRole('radio', { name: 'Keep the image' })).toBeChecked();
  await expect(fix.getByRole('button', { name: 'Preview this fix' })).toBeDisabled();
  await fix.getByRole('radio', { name: /Stop and remove the container/ }).check();
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'fix-live-running-container');
  await fix.getByRole('button', { name: 'Preview this fix' }).click();

  // The live fix became the plan's choice.
  const plan = app.page.getByTestId('plan-dialog');
  await settledPlan(plan);
  await expect(plan.getByRole('radio', { name: /Stop and remove the container/ })).toBeChecked();
  await confirmAndWait(plan);
  expect(await engineTags(app.docker)).not.toContain('demo/late:1');
  expect(await engineContainerNames(app.docker)).not.toContain('late-1');
});

test('a stopped container met live gets the fixes a preview offers, each store its own', async ({ app }) => {
  await buildImage(app.docker, { tag: 'demo/later:1', files: { '/later.txt': 'later' } });
  await app.open();

  const dialog = await removeImagesFromList(app.page, ['demo/later']);
  await expect(dialog.getByTestId('plan-confirm')).toHaveText('Remove 1 image');
  // A container made (not started) after the preview: the re-check before the step stops it.
  await runContainer(app.docker, 'demo/later:1', { name: 'later-1', running: false });
  const summary = await confirmAndWait(dialog);
  await summary.getByRole('button', { name: 'Show the fixes' }).click();

  // The fixes are main's planner's, as in a preview (the containerd store's "remove only the tags" too).
  const fix = app.page.getByTestId('fix-dialog');
  const card = fix.locator('article[data-conflict="stopped-container"]');
  const expected = STOPPED_FIXES[app.engine.store];
  await expect(card.getByRole('radio')).toHaveCount(expected.length);
  for (const [i, label] of expected.entries()) {
    await expect(card.getByRole('radio').nth(i)).toHaveAccessibleName(new RegExp(`^${label}`));
  }
  // The rest carries out the fix the renderer's own live planner once left out.
  if (app.engine.store !== 'containerd') return;
  await card.getByRole('radio', { name: /Keep the containers, remove only the tags/ }).check();
  await expect(card.locator('pre').last()).toContainText('docker rmi -f demo/later:1');
  await fix.getByRole('button', { name: 'Preview this fix' }).click();

  const plan = app.page.getByTestId('plan-dialog');
  await settledPlan(plan);
  await expect(plan.getByRole('radio', { name: /Keep the containers, remove only the tags/ })).toBeChecked();
  await confirmAndWait(plan);
  expect(await engineTags(app.docker)).not.toContain('demo/later:1');
  expect(await engineContainerNames(app.docker)).toContain('later-1');
});

test('a live conflict that has gone, and one main cannot plan: the dialog says which, and offers to preview again', async ({
  app,
}) => {
  test.skip(app.engine.name !== 'docker20', 'the dialog’s own states, the same on every engine: docker20 covers them');
  await buildImage(app.docker, { tag: 'demo/gone:1', files: { '/gone.txt': 'gone' } });
  await app.open();
  const dialog = await removeImagesFromList(app.page, ['demo/gone']);
  await runContainer(app.docker, 'demo/gone:1', { name: 'gone-1', running: true });
  const summary = await confirmAndWait(dialog);
  await expect(summary).toContainText('skipped 1');

  // The container went before the person asked for the fixes: main's fresh plan has no conflict left.
  const container = app.docker.getContainer('gone-1');
  await container.remove({ force: true });
  await summary.getByRole('button', { name: 'Show the fixes' }).click();
  const fix = app.page.getByTestId('fix-dialog');
  await expect(fix.getByTestId('fix-changed')).toBeVisible();
  // Named as the plan named it, not by its 71-character ID.
  await expect(fix.getByRole('heading', { level: 2 })).toHaveText('demo/gone:1 cannot go as it is');
  await expect(fix.getByRole('radio')).toHaveCount(0);
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'fix-live-changed');
  await fix.getByRole('button', { name: 'Preview again' }).click();
  const plan = app.page.getByTestId('plan-dialog');
  await settledPlan(plan);
  await expect(plan.getByTestId('plan-confirm')).toHaveText('Remove 1 image');
  await plan.getByRole('button', { name: 'Close' }).last().click();

  // Again with the engine gone before the fixes are asked for: main cannot plan, and says why.
  const again = await removeImagesFromList(app.page, ['demo/gone']);
  await runContainer(app.docker, 'demo/gone:1', { name: 'gone-2', running: true });
  const stopped = await confirmAndWait(again);
  await expect(stopped).toContainText('skipped 1');
  const dir = mkdtempSync(join(tmpdir(), 'barnacle-gone-'));
  try {
    await app.core.selectEngine(`unix://${dir}/docker.sock`);
    await stopped.getByRole('button', { name: 'Show the fixes' }).click();
    await expect(fix.getByRole('alert')).toContainText('Barnacle could not plan this');
    await expect(fix.getByRole('button', { name: 'What is wrong with the engine?' })).toBeVisible();
    await expectAccessible(app.page);
    await shotBothSchemes(app.page, 'fix-live-failed');
  } finally {
    await app.core.selectEngine(app.engine.host);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('engine problems: socket missing, then not running', async ({ app }) => {
  test.skip(app.engine.name !== 'docker20', 'no engine involved (a missing socket, a dead one): docker20 covers it');
  const host = app.engine.host;
  const dir = mkdtempSync(join(tmpdir(), 'barnacle-nosock-'));
  await app.open();
  try {
    await app.core.selectEngine(`unix://${dir}/docker.sock`);
    await app.page.getByRole('button', { name: 'Show me how' }).click();
    const dialog = app.page.getByTestId('engine-dialog');
    await expect(dialog.locator('[data-problem="socket-missing"]')).toBeVisible();
    await expect(dialog).toContainText('No engine socket there');
    await expect(dialog).toContainText('What Barnacle saw');
    await expect(dialog.getByRole('radio').first()).toBeChecked();
    await dialog.getByRole('radio', { name: /Find the socket your docker CLI uses/ }).check();
    await expect(dialog.locator('.commands pre')).toContainText('docker context ls');
    await expectAccessible(app.page);
    await shotBothSchemes(app.page, 'fix-engine-socket-missing');
    await dialog.getByRole('button', { name: 'Close' }).last().click();

    // A file where the socket should be: nothing listens, as when the engine stopped.
    writeFileSync(`${dir}/stale.sock`, '');
    await app.core.selectEngine(`unix://${dir}/stale.sock`);
    await app.page.getByRole('button', { name: 'Show me how' }).click();
    await expect(dialog.locator('[data-problem="not-running"]')).toBeVisible();
    await expect(dialog).toContainText('The engine is not running');
    await expectAccessible(app.page);
    await shotBothSchemes(app.page, 'fix-engine-not-running');
    await dialog.getByRole('button', { name: 'Try again' }).click();
    await expect(dialog.locator('[data-problem="not-running"]')).toBeVisible();
  } finally {
    await app.core.selectEngine(host);
    rmSync(dir, { recursive: true, force: true });
  }
});

test.describe('in Simplified Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the running-container flow reads in Chinese', async ({ app }) => {
    await buildImage(app.docker, { tag: 'demo/api:1.4', files: { '/api.txt': 'api' } });
    await runContainer(app.docker, 'demo/api:1.4', { name: 'api-1', running: true });
    await app.open();

    await goTo(app.page, 'images');
    await app.page.getByRole('grid').getByRole('row').filter({ hasText: 'demo/api' }).click();
    await app.page.getByRole('button', { name: /删除所选/ }).click();
    const dialog = app.page.getByTestId('plan-dialog');
    await settledPlan(dialog);
    const card = dialog.locator('article[data-conflict="running-container"]');
    await expect(card).toContainText('被运行中的容器使用');
    await expect(card).toContainText(`${productName(app.engine)} 的原话`);
    await chooseFix(dialog, 'running-container', /停止并删除 1 个容器，然后删除镜像/);
    await expect(dialog.getByTestId('plan-confirm')).toHaveText(/^停止并删除 1 个容器和\s?1 个镜像$/);
    await expectAccessible(app.page);
    await shotBothSchemes(app.page, 'fix-running-container-zh');
    await confirmAndWait(dialog);
    await expect(dialog.getByTestId('plan-summary')).toContainText('已释放');
    expect(await engineTags(app.docker)).not.toContain('demo/api:1.4');
  });
});
