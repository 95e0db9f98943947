// The Fleet screen on a live engine (issue 14): the harness engine watched
// beside an address where nothing listens (a closed port on 127.0.0.1), which
// shows unreachable, with why and when it tries again, without holding up the
// other; totals across both; a plan across engines (prune dangling) previewed
// grouped by engine, with each engine's commands aimed at it and the
// unreachable one saying why it has no plan; Run removes exactly the images the
// preview listed on the engine, and the card's last cleanup says so. Light,
// dark, English and Chinese into test-results/flows/ and docs/ (fleet*.png).

import { copyFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Page } from '@playwright/test';
import type { BarnacleApi } from '../../src-shared/contract';
import { buildImage, resetEngine } from '../engines/harness';
import { expect, test } from './support/app-fixture';
import { engineImageIds, expectAccessible, flowsDir, goTo, shot, shotBothSchemes } from './support/plan-steps';

test.use({ viewport: { width: 1280, height: 900 } });

/** A port that was free a moment ago and that nothing listens on now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Two dangling images: each tag built again with other content leaves the old image untagged. */
async function twoDangling(docker: Parameters<typeof buildImage>[0]): Promise<string[]> {
  await resetEngine(docker);
  const old1 = await buildImage(docker, { tag: 'fleet/app:1', files: { '/app.txt': 'old one' } });
  const old2 = await buildImage(docker, { tag: 'fleet/tool:1', files: { '/tool.txt': 'old two'.repeat(3000) } });
  await buildImage(docker, { tag: 'fleet/app:1', files: { '/app.txt': 'new one' } });
  await buildImage(docker, { tag: 'fleet/tool:1', files: { '/tool.txt': 'new two' } });
  return [old1, old2];
}

async function watchUnreachable(page: Page, host: string): Promise<void> {
  // The address is not among the endpoints found here: chosen through main, as a typed-in one would be.
  const answer = await page.evaluate(
    (h) => (window as unknown as { barnacle: BarnacleApi }).barnacle.setFleet({ hosts: [h] }),
    host,
  );
  expect(answer.ok).toBe(true);
}

test('watch two engines, one unreachable, and prune dangling across them', async ({ app }) => {
  const dangling = await twoDangling(app.docker);
  const before = await engineImageIds(app.docker);
  const unreachable = `tcp://127.0.0.1:${await closedPort()}`;
  await app.open();
  const page = app.page;

  // Reachable by keyboard: the sidebar link after Overview.
  await page.getByRole('navigation').locator('a[href="#/overview"]').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('navigation').locator('a[href="#/fleet"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Fleet', exact: true })).toBeVisible();

  const started = Date.now();
  await watchUnreachable(page, unreachable);
  const engines = page.getByTestId('fleet-engine');
  await expect(engines).toHaveCount(2);
  const here = page.locator(`li[data-testid="fleet-engine"][data-host="${app.engine.host}"]`);
  const away = page.locator(`li[data-testid="fleet-engine"][data-host="${unreachable}"]`);
  await expect(here).toHaveAttribute('data-state', 'connected');
  await expect(away).not.toHaveAttribute('data-state', /connected|connecting/, { timeout: 10_000 });
  // Its own connection gave up on its own: the engine beside it was never waiting on it.
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(away.getByTestId('fleet-why')).toContainText(unreachable.replace('tcp://', ''));
  await expect(away.getByTestId('fleet-why')).toContainText('Next try');

  // The harness engine's figures, as the engine itself lists them.
  const listed = await app.docker.listImages();
  await expect(here.getByTestId('fleet-images')).toHaveText(`${listed.length} images`);
  await expect(here).toContainText(`${dangling.length} dangling`);
  await expect(here).toContainText('Docker');
  await expect(here.getByTestId('fleet-reclaimable')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('fleet-total-images')).toHaveText(String(listed.length));
  await expect(page.getByTestId('fleet-totals')).toContainText('1 of 2 engines connected');
  // The watched engines as checkboxes: the current one fixed, the typed-in one ticked.
  const watch = page.getByTestId('fleet-watch');
  await expect(watch.getByRole('checkbox', { name: /\(current\)/ })).toBeDisabled();
  await expect(watch.getByRole('checkbox', { name: unreachable })).toBeChecked();
  await expectAccessible(page, 'main');
  await shotBothSchemes(page, 'fleet');
  const overview = await shot(page, 'fleet-overview-light');

  // One plan across both: the harness engine's part lists exactly its dangling images.
  await page.getByRole('button', { name: 'Prune dangling on all' }).click();
  const dialog = page.getByTestId('fleet-plan');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Plan across 2 engines' })).toBeVisible();
  const herePart = dialog.locator(`li[data-testid="fleet-part"][data-host="${app.engine.host}"]`);
  const awayPart = dialog.locator(`li[data-testid="fleet-part"][data-host="${unreachable}"]`);
  await expect(herePart.getByTestId('fleet-part-steps')).toHaveText('2 steps');
  await expect(awayPart.getByTestId('fleet-part-error')).toContainText('No plan:');
  const held = await app.core.fleet.overview();
  expect(held.engines).toHaveLength(2);
  const commands = await herePart.locator('pre, code').allInnerTexts();
  const shown = commands.join('\n');
  // Every command names the engine it is for (the fixture's engine has no context: its address).
  expect(shown).toMatch(/docker --host /);
  for (const id of dangling) expect(shown).toContain(id.replace('sha256:', '').slice(0, 12));
  await expect(dialog.getByTestId('fleet-run')).toHaveText('Run on 1 engine');
  await expectAccessible(page);
  await shotBothSchemes(page, 'fleet-plan');
  const preview = await shot(page, 'fleet-plan-preview-light');
  if (app.engine.name === 'docker20') {
    mkdirSync('docs', { recursive: true });
    copyFileSync(overview, 'docs/fleet.png');
    copyFileSync(preview, 'docs/fleet-plan.png');
    copyFileSync(`${flowsDir()}/fleet-dark.png`, 'docs/fleet-dark.png');
    copyFileSync(`${flowsDir()}/fleet-plan-dark.png`, 'docs/fleet-plan-dark.png');
  }

  // Run: the harness engine's part finishes, the unreachable one keeps its reason.
  await dialog.getByTestId('fleet-run').click();
  await expect(dialog.getByTestId('fleet-plan-result')).toContainText('on 1 engine', { timeout: 60_000 });
  await expect(herePart.getByTestId('fleet-part-run')).toContainText('Done, freed');
  await expect(awayPart.getByTestId('fleet-part-error')).toBeVisible();
  await shot(page, 'fleet-plan-done-light');

  // Exactly the previewed images went; every other image stayed.
  const after = await engineImageIds(app.docker);
  expect(after.sort()).toEqual(before.filter((id) => !dangling.includes(id)).sort());

  // The card says when the last cleanup ran here.
  await dialog.locator('footer').getByRole('button', { name: 'Close', exact: true }).click();
  await expect(here.getByTestId('fleet-last-cleanup')).toContainText('Last cleanup', { timeout: 10_000 });
  await expect(here).not.toContainText(/\d+ dangling/);
});

test('a fleet plan main does not hold is refused and changes nothing', async ({ app }) => {
  const dangling = await twoDangling(app.docker);
  await app.open();
  const answer = await app.page.evaluate(() =>
    (window as unknown as { barnacle: BarnacleApi }).barnacle.executeFleetPlan({
      fleetPlanId: '3b241101-e2bb-4255-8caf-4136c566a962',
    }),
  );
  expect(answer).toMatchObject({ ok: false, error: { kind: 'plan-stale', says: { key: 'request.fleetPlanUnknown' } } });
  const ids = await engineImageIds(app.docker);
  for (const id of dangling) expect(ids).toContain(id);
});

test.describe('in Simplified Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the Fleet screen and a grouped preview read in Chinese', async ({ app }) => {
    await twoDangling(app.docker);
    const unreachable = `tcp://127.0.0.1:${await closedPort()}`;
    await app.open();
    const page = app.page;
    await goTo(page, 'fleet');
    await expect(page.getByRole('heading', { name: '多引擎', exact: true })).toBeVisible();
    await watchUnreachable(page, unreachable);
    const away = page.locator(`li[data-testid="fleet-engine"][data-host="${unreachable}"]`);
    await expect(away).not.toHaveAttribute('data-state', /connected|connecting/, { timeout: 10_000 });
    await expect(page.getByTestId('fleet-totals')).toContainText('2 个引擎中 1 个已连接');
    await expect(page.locator(`li[data-testid="fleet-engine"][data-host="${app.engine.host}"]`)).toContainText(
      '已连接',
    );
    await shotBothSchemes(page, 'fleet-zh');
    await page.getByRole('button', { name: '在全部引擎上清理悬空镜像' }).click();
    const dialog = page.getByTestId('fleet-plan');
    await expect(dialog.getByRole('heading', { name: '跨 2 个引擎的计划' })).toBeVisible();
    await expect(dialog.getByTestId('fleet-part-steps')).toHaveText('2 步');
    await expect(dialog.getByTestId('fleet-part-error')).toContainText('没有计划：');
    await shotBothSchemes(page, 'fleet-plan-zh');
    if (app.engine.name === 'docker20') {
      for (const name of ['fleet-zh-light', 'fleet-zh-dark', 'fleet-plan-zh-light', 'fleet-plan-zh-dark']) {
        copyFileSync(`${flowsDir()}/${name}.png`, `docs/${name}.png`);
      }
    }
  });
});
