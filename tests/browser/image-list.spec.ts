// The first slice end to end: live engine → dockerode → handler table →
// preload API → Svelte image table. Runs on each engine of support/engines.ts:
// Docker lists the familiar names; Podman qualifies what it built as docker.io/…
// and what it loaded under a short name as localhost/….

import { buildImage, loadImage, resetEngine } from '../engines/harness';
import { expect, test } from './support/app-fixture';
import { listedRepository } from './support/engines';
import { flowsDir } from './support/plan-steps';

test('the image table shows the engine’s images', async ({ app }) => {
  await resetEngine(app.docker);
  await buildImage(app.docker, { tag: 'barnacle-demo/api:1.4.2', files: { '/app/api.txt': 'api v1.4.2' } });
  await buildImage(app.docker, { tag: 'barnacle-demo/web:latest', runs: ['echo web > /web.txt'] });
  // Rebuilding a tag with new content leaves the old image dangling, as in real life.
  const dangling = await buildImage(app.docker, { tag: 'barnacle-demo/tmp:x', files: { '/tmp.txt': 'old' } });
  await buildImage(app.docker, { tag: 'barnacle-demo/tmp:x', files: { '/tmp.txt': 'new' } });
  // `docker load` of a file: an image no registry has, built two years ago.
  await loadImage(app.docker, {
    tags: ['barnacle-demo/loaded:1'],
    created: new Date(Date.now() - 2 * 365 * 86_400_000),
  });

  await app.open();
  await app.page.evaluate(() => (location.hash = '/images'));
  const table = app.page.getByRole('grid', { name: 'Images' });
  const row = (repo: string, from: 'build' | 'load' = 'build') =>
    table.getByRole('row').filter({
      has: app.page.getByRole('gridcell', { name: listedRepository(app.engine, repo, from), exact: true }),
    });
  await expect(row('barnacle-demo/api')).toContainText('1.4.2');
  await expect(row('barnacle-demo/web')).toContainText('latest');
  await expect(row('barnacle-test/busybox')).toContainText('base');
  await expect(table.getByRole('row').filter({ hasText: dangling.replace('sha256:', '').slice(0, 12) })).toContainText(
    '<none>',
  );
  await expect(row('barnacle-demo/api')).toContainText(/seconds? ago|now/);
  const loaded = row('barnacle-demo/loaded', 'load');
  await expect(loaded).toContainText('1');
  await expect(loaded).toContainText(/(2|two) years ago/);
  // Certainly made here (classic store: no repo digest; Podman: only a localhost/ name) gets the
  // badge; the containerd store records no source, so it cannot tell and shows none.
  if (app.engine.store === 'containerd') await expect(loaded).not.toContainText('not pullable');
  else await expect(loaded).toContainText('not pullable');
  const path = app.engine.name === 'docker20' ? 'test-results/image-list.png' : `${flowsDir()}/image-list.png`;
  await app.page.screenshot({ path });
});
