// Podman 5.4: a build that failed with --rm=false left its working container.
// The Build cache screen lists it (Podman keeps no cache records), marks that it
// may still be a running build (made within the hour), and the prune plan keeps
// it, saying why; the image it stands on stays out of an image plan, saying why.
// Docker's builds leave no such containers: there this spec has nothing to show.

import { resetEngine } from '../engines/harness';
import { buildImage, failBuildLeavingContainer } from '../engines/fixtures';
import { expect, test } from './support/app-fixture';
import { expectAccessible, goTo, removeImagesFromList, settledPlan, shot, shotBothSchemes } from './support/plan-steps';

test.use({ viewport: { width: 1280, height: 800 } });

test('a build’s leftover container: listed, kept while it may be a running build, and holding its image', async ({
  app,
}) => {
  test.skip(app.engine.family !== 'podman', 'Docker’s builds leave no containers outside its own list');
  await resetEngine(app.docker);
  await buildImage(app.docker, { tag: 'bcp/app:1', runs: ['echo app > /app'] });
  await failBuildLeavingContainer(app.docker, { from: 'bcp/app:1', writes: 100_000 });
  await app.open();
  await goTo(app.page, 'build-cache');
  const table = app.page.getByRole('table', { name: 'Containers left by builds' });
  const row = table.getByRole('row').filter({ hasText: 'working-container' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('bcp/app:1');
  await expect(row).toContainText('May be building');
  await expect(app.page.getByText(/1 container left by builds/)).toBeVisible();
  // Podman sizes none of them: neither budget can count them.
  await expect(app.page.getByRole('spinbutton', { name: /Keep at most/ })).toBeDisabled();
  await expect(app.page.getByRole('spinbutton', { name: /Keep free on disk/ })).toBeDisabled();
  await expectAccessible(app.page, 'main');
  await shotBothSchemes(app.page, 'build-containers-screen');

  await app.page.getByRole('button', { name: 'Prune…' }).click();
  const dialog = app.page.getByTestId('plan-dialog');
  await settledPlan(dialog);
  await expect(dialog).toContainText('Nothing to do');
  await expect(dialog).toContainText('it was made less than an hour ago');
  await expectAccessible(app.page);
  await shot(app.page, 'build-containers-plan');
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  // The image it stands on: badged, as Podman would refuse (409); the plan keeps it and says why.
  await goTo(app.page, 'images');
  const imageRow = app.page.getByRole('grid').getByRole('row').filter({ hasText: 'bcp/app' });
  await expect(imageRow).toContainText('build leftover');
  await expect(imageRow).not.toContainText('unused');
  const images = await removeImagesFromList(app.page, ['bcp/app']);
  await settledPlan(images);
  await expect(images).toContainText('Nothing to do');
  await expect(images).toContainText('Clean up the build cache first');
  await shot(app.page, 'build-containers-image-kept');
  await resetEngine(app.docker);
});

test.describe('in Simplified Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the leftover containers read in Chinese', async ({ app }) => {
    test.skip(app.engine.family !== 'podman', 'Docker’s builds leave no containers outside its own list');
    await resetEngine(app.docker);
    await buildImage(app.docker, { tag: 'bcp/app:1', runs: ['echo app > /app'] });
    await failBuildLeavingContainer(app.docker, { from: 'bcp/app:1' });
    await app.open();
    await goTo(app.page, 'build-cache');
    const table = app.page.getByRole('table', { name: '构建留下的容器' });
    await expect(table.getByRole('row').filter({ hasText: '可能在构建' })).toBeVisible();
    await shot(app.page, 'build-containers-screen-zh');
    await resetEngine(app.docker);
  });
});
