// Removing one chosen stopped container from the containers screen: through
// the plan preview, and only that container.

import { buildImage, resetEngine, runContainer } from '../engines/harness';
import { expect, test } from './support/app-fixture';
import { confirmAndWait, engineContainerNames, goTo, settledPlan } from './support/plan-steps';

test('a row’s Remove takes that stopped container and no other', async ({ app }) => {
  const { page, docker } = app;
  await resetEngine(docker);
  await buildImage(docker, { tag: 'rm-one/app:1', files: { '/app': 'app' } });
  await runContainer(docker, 'rm-one/app:1', { name: 'job-a', running: false });
  await runContainer(docker, 'rm-one/app:1', { name: 'job-b', running: false });
  await runContainer(docker, 'rm-one/app:1', { name: 'svc', running: true });

  await app.open();
  await goTo(page, 'containers');
  const row = page.getByRole('row').filter({ hasText: 'job-a' });
  await row.getByRole('button', { name: 'Remove job-a…' }).click();
  const dialog = page.getByTestId('plan-dialog');
  await settledPlan(dialog);
  await expect(dialog.getByTestId('plan-preview')).toContainText('job-a');
  await expect(dialog.getByTestId('plan-preview')).not.toContainText('job-b');
  await expect(dialog).toContainText('docker rm job-a');
  await confirmAndWait(dialog);

  expect((await engineContainerNames(docker)).sort()).toEqual(['job-b', 'svc']);
});
