// The activity screen after real plans ran: the history table, the chart of
// space freed, and the exports (written where the save dialog would put them).
// Runs on each engine of support/engines.ts; each row names the engine it ran on.

import { readFileSync } from 'node:fs';
import { buildImage, resetEngine } from '../engines/harness';
import { expect, test } from './support/app-fixture';
import { productName } from './support/engines';
import {
  confirmAndWait,
  expectAccessible,
  goTo,
  removeImagesFromList,
  settledPlan,
  shotBothSchemes,
} from './support/plan-steps';

test.use({ viewport: { width: 1280, height: 900 } });

test('executed plans are listed, charted and exported', async ({ app }, testInfo) => {
  await resetEngine(app.docker);
  await buildImage(app.docker, { tag: 'act/one:1', files: { '/one.bin': '1'.repeat(50_000) } });
  await buildImage(app.docker, { tag: 'act/two:1', files: { '/two.bin': '2'.repeat(30_000) } });
  await buildImage(app.docker, { tag: 'act/tmp:1', files: { '/t.txt': 'old' } });
  await buildImage(app.docker, { tag: 'act/tmp:1', files: { '/t.txt': 'new' } });
  await app.open();

  await goTo(app.page, 'activity');
  await expect(app.page.getByText('No plan has run yet')).toBeVisible();

  let dialog = await removeImagesFromList(app.page, ['act/one', 'act/two']);
  await confirmAndWait(dialog);
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  await goTo(app.page, 'overview');
  await app.page.getByRole('button', { name: 'Prune unused…' }).click();
  dialog = app.page.getByTestId('prune-dialog');
  await settledPlan(dialog);
  await confirmAndWait(dialog);
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  await goTo(app.page, 'activity');
  const table = app.page.getByRole('table', { name: 'Executed plans, newest first' });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Prune dangling images');
  await expect(rows.nth(1)).toContainText(/Remove act\/(one|two):1 and act\/(one|two):1/);
  await expect(rows.nth(1)).toContainText('removed 2 images');
  await expect(rows.nth(1)).toContainText('Done');
  await expect(rows.nth(1).locator('td').nth(3)).toHaveText(/\d+(\.\d+)? kB/);
  for (const i of [0, 1]) {
    await expect(rows.nth(i).locator('td').nth(1)).toContainText(`${productName(app.engine)} `);
    await expect(rows.nth(i).locator('td').nth(1)).toContainText(app.engine.host);
  }
  const chart = app.page.getByRole('img', { name: /Space freed over time/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator('circle')).toHaveCount(2);
  await expectAccessible(app.page, 'main');
  await shotBothSchemes(app.page, 'activity');

  await app.page.getByRole('button', { name: 'Export JSON' }).click();
  const jsonPath = testInfo.outputPath('barnacle-history.json');
  await expect(app.page.getByRole('status').filter({ hasText: 'Saved to' })).toContainText(jsonPath);
  const exported = JSON.parse(readFileSync(jsonPath, 'utf8')) as unknown;
  expect(JSON.stringify(exported)).toContain('act/one');

  await app.page.getByRole('button', { name: 'Export CSV' }).click();
  const csvPath = testInfo.outputPath('barnacle-history.csv');
  await expect(app.page.getByRole('status').filter({ hasText: 'Saved to' })).toContainText(csvPath);
  expect(readFileSync(csvPath, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(3);
});
