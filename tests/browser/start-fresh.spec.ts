// Start fresh on a live engine: every container and image goes, a volume only
// when ticked, and Confirm waits for the engine's name to be typed.

import { buildImage, resetEngine } from '../engines/harness';
import { expect, test } from './support/app-fixture';
import { confirmAndWait, expectAccessible, goTo, settledPlan, shotBothSchemes } from './support/plan-steps';

test.use({ viewport: { width: 1280, height: 900 } });

test('start fresh: type the engine name; the ticked volume goes, the other stays', async ({ app }) => {
  await resetEngine(app.docker);
  await buildImage(app.docker, { tag: 'fresh/api:1', files: { '/api.txt': 'api' } });
  await buildImage(app.docker, { tag: 'fresh/db:1', files: { '/db.txt': 'db' } });
  const make = async (image: string, name: string, volume: string, running: boolean) => {
    const c = await app.docker.createContainer({
      Image: image,
      name,
      Cmd: ['/bin/busybox', 'sleep', '3600'],
      StopTimeout: 1,
      HostConfig: { NetworkMode: 'none', Binds: [`${volume}:/data`] },
    });
    await c.start();
    if (!running) await c.stop({ t: 0 });
  };
  await make('fresh/api:1', 'fresh-api', 'fresh-cache', true);
  await make('fresh/db:1', 'fresh-db', 'fresh-data', false);
  const health = app.core.session.health;
  if (health.state !== 'connected') throw new Error('engine not connected');
  const engineName = health.engine.name;
  await app.open();

  await goTo(app.page, 'overview');
  await app.page.getByRole('button', { name: 'Start fresh…' }).click();
  const dialog = app.page.getByTestId('start-fresh-dialog');
  await settledPlan(dialog);
  await expect(dialog).toContainText(`every image on ${engineName}`);
  const volumes = dialog.getByRole('group', { name: 'Volumes to delete too' });
  await expect(volumes.getByRole('checkbox')).toHaveCount(2);
  await expect(volumes.getByRole('checkbox', { name: /fresh-data/ })).not.toBeChecked();
  await volumes.getByRole('checkbox', { name: /fresh-cache/ }).check();
  await settledPlan(dialog);
  await expect(dialog.locator('[data-group="remove-volume"]')).toContainText('fresh-cache');
  await expect(dialog.locator('[data-group="remove-volume"]')).not.toContainText('fresh-data');
  await expect(dialog.locator('[data-group="remove-volume"] [data-risk="removes-volume"]')).toBeVisible();

  const confirm = dialog.getByTestId('plan-confirm');
  await expect(confirm).toBeDisabled();
  const nameField = dialog.getByLabel(`To confirm, type the engine’s name: ${engineName}`);
  await nameField.fill('not-the-engine');
  await expect(confirm).toBeDisabled();
  await nameField.fill(engineName);
  await expect(confirm).toBeEnabled();
  await expect(confirm).toHaveText(/^Stop 1 container and remove 2 containers, \d images,? and 1 volume$/);
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'start-fresh');

  await confirmAndWait(dialog);
  expect(await app.docker.listContainers({ all: true })).toEqual([]);
  expect(await app.docker.listImages({ all: true })).toEqual([]);
  const left = ((await app.docker.listVolumes()).Volumes ?? []).map((v) => v.Name);
  expect(left).toContain('fresh-data');
  expect(left).not.toContain('fresh-cache');
  // Leave the engine as the other specs expect it.
  await resetEngine(app.docker);
});
