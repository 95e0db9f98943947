// The first slice end to end: live Docker → dockerode → handler table →
// preload API → Svelte image table.

import { buildImage, resetEngine } from '../engines/harness';
import { expect, test } from './support/app-fixture';

test('the image table shows the engine’s images', async ({ app }) => {
  await resetEngine(app.docker);
  await buildImage(app.docker, { tag: 'barnacle-demo/api:1.4.2', files: { '/app/api.txt': 'api v1.4.2' } });
  await buildImage(app.docker, { tag: 'barnacle-demo/web:latest', runs: ['echo web > /web.txt'] });
  // Rebuilding a tag with new content leaves the old image dangling, as in real life.
  const dangling = await buildImage(app.docker, { tag: 'barnacle-demo/tmp:x', files: { '/tmp.txt': 'old' } });
  await buildImage(app.docker, { tag: 'barnacle-demo/tmp:x', files: { '/tmp.txt': 'new' } });

  await app.open();
  await app.page.evaluate(() => (location.hash = '/images'));
  const table = app.page.getByRole('grid', { name: 'Images' });
  await expect(table.getByRole('row').filter({ hasText: 'barnacle-demo/api' })).toContainText('1.4.2');
  await expect(table.getByRole('row').filter({ hasText: 'barnacle-demo/web' })).toContainText('latest');
  await expect(table.getByRole('row').filter({ hasText: 'barnacle-test/busybox' })).toContainText('base');
  await expect(table.getByRole('row').filter({ hasText: dangling.replace('sha256:', '').slice(0, 12) })).toContainText(
    '<none>',
  );
  await expect(table.getByRole('row').filter({ hasText: 'barnacle-demo/api' })).toContainText(/seconds? ago|now/);
  await app.page.screenshot({ path: 'test-results/image-list.png' });
});
