// The Build cache screen on Docker 20.10 with records from a real BuildKit build:
// the build's steps shared with the image it made, its local sources free; the
// prune is a plan that takes the free records, one step each, and leaves the
// shared ones, saying why.

import type Dockerode from 'dockerode';
import { resetEngine } from '../engines/harness';
import { buildKitBuild, buildKitUnavailable } from '../engines/buildkit';
import { expect, test } from './support/app-fixture';
import { confirmAndWait, expectAccessible, goTo, settledPlan, shot, shotBothSchemes } from './support/plan-steps';

test.use({ viewport: { width: 1280, height: 800 } });

/** Every record goes, shared ones too (`docker builder prune -a -f`). */
const clearCache = (docker: Dockerode) =>
  new Promise<void>((resolve, reject) =>
    docker.modem.dial(
      { path: '/build/prune?', method: 'POST', options: { all: true }, statusCodes: { 200: true } },
      (err) => (err ? reject(err) : resolve()),
    ),
  );

async function built(app: { docker: Dockerode; engine: { host: string } }): Promise<void> {
  await resetEngine(app.docker);
  await clearCache(app.docker);
  await buildKitBuild(app.engine.host, { tag: 'bcui/app:1', runs: ['head -c 400000 /dev/urandom > /data'] });
}

test('build cache: shared and free records; the prune plan takes the free ones and keeps the shared', async ({
  app,
}) => {
  test.skip(buildKitUnavailable() !== null, buildKitUnavailable() ?? '');
  await built(app);
  await app.open();
  await goTo(app.page, 'build-cache');
  const table = app.page.getByRole('table', { name: 'Build cache records' });
  const rows = table.getByRole('row');
  await expect(rows.filter({ hasText: 'Shared' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'Free' }).first()).toBeVisible();
  const free = await rows.filter({ hasText: 'Free' }).count();
  // Grouped by what made them: the build's steps (shared with its image) and its context (free).
  const kinds = app.page.getByRole('group', { name: 'Records by what made them' });
  await kinds.getByRole('button', { name: /Build contexts/ }).click();
  await expect(rows.filter({ hasText: 'Shared' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Free' })).toHaveCount(free);
  await kinds.getByRole('button', { name: /Build steps/ }).click();
  await expect(rows.filter({ hasText: 'Free' })).toHaveCount(0);
  await kinds.getByRole('button', { name: 'All kinds' }).click();
  await expectAccessible(app.page, 'main');
  await shotBothSchemes(app.page, 'build-cache-screen');

  await app.page.getByRole('button', { name: 'Prune…' }).click();
  const dialog = app.page.getByTestId('plan-dialog');
  await settledPlan(dialog);
  await expect(dialog.getByRole('heading', { name: 'Prune build cache' })).toBeVisible();
  await expect(dialog.locator('[data-group="remove-build-cache"] li[data-step]')).toHaveCount(free);
  await expect(dialog).toContainText('An image shares its data: removing it would free nothing.');
  await expect(dialog.locator('pre')).toContainText('docker builder prune -f --filter id=');
  await expectAccessible(app.page);
  await shot(app.page, 'build-cache-plan');
  const summary = await confirmAndWait(dialog);
  await expect(summary).toContainText(`removed ${free} build cache record`);
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(rows.filter({ hasText: 'Free' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Shared' }).first()).toBeVisible();
  await clearCache(app.docker);
  await resetEngine(app.docker);
});

test('build cache: keeping a free-space minimum counts from the engine’s disk, and says so', async ({ app }) => {
  test.skip(buildKitUnavailable() !== null, buildKitUnavailable() ?? '');
  await built(app);
  await app.open();
  await goTo(app.page, 'build-cache');
  const table = app.page.getByRole('table', { name: 'Build cache records' });
  await expect(table.getByRole('row').filter({ hasText: 'Free' }).first()).toBeVisible();
  // More than any disk here has: every free record goes, and the preview says what it counted from.
  await app.page.getByLabel('Keep free on disk').fill('1000000');
  await app.page.getByRole('button', { name: 'Prune…' }).click();
  const dialog = app.page.getByTestId('plan-dialog');
  await settledPlan(dialog);
  await expect(dialog.getByTestId('disk-free')).toContainText('The engine’s disk has');
  await expect(dialog.getByTestId('disk-free')).toContainText('until it would have 1 PB');
  await expect(dialog.locator('[data-group="remove-build-cache"] li[data-step]')).not.toHaveCount(0);
  await shot(app.page, 'build-cache-min-free');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await clearCache(app.docker);
  await resetEngine(app.docker);
});

test.describe('in Simplified Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the build cache screen reads in Chinese', async ({ app }) => {
    test.skip(buildKitUnavailable() !== null, buildKitUnavailable() ?? '');
    await built(app);
    await app.open();
    await goTo(app.page, 'build-cache');
    const table = app.page.getByRole('table', { name: '构建缓存记录' });
    await expect(table.getByRole('row').filter({ hasText: '共享' }).first()).toBeVisible();
    await expect(app.page.getByRole('button', { name: '清理…' })).toBeVisible();
    await shot(app.page, 'build-cache-screen-zh');
    await clearCache(app.docker);
    await resetEngine(app.docker);
  });
});
