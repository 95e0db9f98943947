// Cleanup policies end to end on a live engine: the empty state explains them
// and offers a starter; the editor saves through main's schema (a refused
// value comes back named, and the field is marked); the list shows the rules
// in words, the schedule, the mode and the runs; Preview is the policy's prune
// planned against the engine (its notes, and exactly the images its rules let
// go); Run executes it as any plan; Activity marks policy plans, automatic ones
// too; the switch disables and enables. Light, dark, English and Chinese into
// test-results/flows/.

import type { Locator } from '@playwright/test';
import type Dockerode from 'dockerode';
import { policyIntent } from '../../src-shared/policy';
import { buildImage, resetEngine } from '../engines/harness';
import { expect, test } from './support/app-fixture';
import {
  confirmAndWait,
  engineTags,
  expectAccessible,
  goTo,
  settledPlan,
  shot,
  shotBothSchemes,
} from './support/plan-steps';

test.use({ viewport: { width: 1280, height: 900 } });

/** The editor scrolled to its first field, for the screenshots. */
const toTop = (editor: Locator) => editor.locator('.body').evaluate((body) => body.scrollTo(0, 0));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Three tags of one repository, each built in its own second so "newest by build date" has one answer. */
async function threeBuilds(docker: Dockerode): Promise<void> {
  await resetEngine(docker);
  for (const n of [1, 2, 3]) {
    await buildImage(docker, { tag: `pol/app:${n}`, files: { '/app.bin': String(n).repeat(40_000 * n) } });
    await sleep(1_100);
  }
}

test('create, list, preview, run, mark in Activity, disable and enable a policy', async ({ app }) => {
  await threeBuilds(app.docker);
  await app.open();
  const page = app.page;
  // Reachable by keyboard: the sidebar link after Activity.
  await page.getByRole('navigation').locator('a[href="#/activity"]').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('navigation').locator('a[href="#/policies"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Policies', exact: true })).toBeVisible();

  // Empty: what a policy is, and a starter.
  const empty = page.getByTestId('policies-empty');
  await expect(empty).toContainText('A policy is a named set of cleanup rules');
  await expectAccessible(page, 'main');
  await shotBothSchemes(page, 'policies-empty');

  // A value main refuses: named, marked, not saved.
  await empty.getByRole('button', { name: 'New policy' }).click();
  let editor = page.getByTestId('policy-editor');
  await editor.getByLabel('Name', { exact: true }).fill('keep-two');
  await editor.getByLabel('Keep the newest tags of each repository').fill('-1');
  await editor.getByRole('button', { name: 'Save policy' }).click();
  await expect(editor.getByTestId('policy-error')).toContainText('Not saved');
  await expect(editor.getByTestId('policy-error')).toContainText('policy.rules.keepNewest.count');
  await expect(editor.getByLabel('Keep the newest tags of each repository')).toHaveAttribute('aria-invalid', 'true');
  expect(app.core.policies.list()).toEqual([]);
  await shot(page, 'policies-editor-refused');

  // Changed: main's marks no longer describe the form, so they go.
  await editor.getByLabel('Keep the newest tags of each repository').fill('2');
  await expect(editor.getByTestId('policy-error')).toBeHidden();
  await expect(editor.getByLabel('Keep the newest tags of each repository')).toHaveAttribute('aria-invalid', 'false');

  // Fixed: keep the newest 2 tags of each repository, by build date; notify; weekly.
  await editor.getByLabel('Keep the newest tags of each repository').fill('2');
  await editor.getByRole('radio', { name: 'Applies by itself' }).check();
  await expect(editor.getByTestId('policy-automatic')).toContainText('never stops or removes containers');
  await editor.getByRole('radio', { name: 'Notify only' }).check();
  await expectAccessible(page);
  await toTop(editor);
  await shotBothSchemes(page, 'policies-editor');
  await editor.getByRole('button', { name: 'Save policy' }).click();
  await expect(editor).toBeHidden();
  expect(app.core.policies.get('keep-two')).toMatchObject({
    enabled: true,
    schedule: 'weekly',
    mode: 'notify',
    rules: { keepNewest: { count: 2, by: 'created' } },
  });

  // Listed, from main's answer and its event.
  const card = page.locator('li[data-testid="policy"][data-name="keep-two"]');
  await expect(card).toContainText('Every week');
  await expect(card).toContainText('Notify only');
  await expect(card.getByTestId('policy-rules')).toHaveText(
    'Unused images, keeping the newest 2 tags of each repository',
  );
  await expect(card.getByTestId('policy-last')).toHaveText('Not run yet');
  await expect(card.getByTestId('policy-next')).toHaveText('Next run: now');
  await expectAccessible(page, 'main');
  await shotBothSchemes(page, 'policies-screen');

  // Preview: the policy's prune against the engine, with its notes; only the oldest tag goes.
  await card.getByRole('button', { name: 'Preview' }).click();
  const dialog = page.getByTestId('plan-dialog');
  await settledPlan(dialog);
  const notes = dialog.getByTestId('policy-notes');
  await expect(dialog.getByRole('heading', { name: 'Policy “keep-two”' })).toBeVisible();
  await expect(notes).not.toContainText('Policy “keep-two”.');
  await expect(notes).toContainText('Keeps the newest 2 tags of each repository, by build date.');
  const removed = dialog.locator('[data-group="remove-image"]');
  await expect(removed).toContainText('pol/app:1');
  await expect(removed).not.toContainText('pol/app:2');
  await expect(removed).not.toContainText('pol/app:3');
  await expectAccessible(page);
  await shotBothSchemes(page, 'policies-preview');

  // Run: as any plan.
  await confirmAndWait(dialog);
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  const tags = await engineTags(app.docker);
  expect(tags).not.toContain('pol/app:1');
  expect(tags).toEqual(expect.arrayContaining(['pol/app:2', 'pol/app:3']));

  // A scheduled run as the scheduler makes it: the same intent, marked automatic.
  await buildImage(app.docker, { tag: 'pol/app:0', files: { '/old.bin': 'o' } });
  const connection = app.core.session.current()!;
  const plan = await app.core.plans.preview(connection, {
    ...policyIntent(app.core.policies.get('keep-two')),
    automatic: true,
  });
  await app.core.plans.execute(connection, plan.id, plan.digest);

  await goTo(page, 'activity');
  const rows = page.getByRole('table', { name: 'Executed plans, newest first' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId('policy-mark')).toHaveText('Policy “keep-two” · automatic');
  await expect(rows.nth(1).getByTestId('policy-mark')).toHaveText('Policy “keep-two”');
  await expectAccessible(page, 'main');
  await shot(page, 'policies-activity');

  // Disable, enable: saved through main, and the card follows.
  await goTo(page, 'policies');
  const toggle = card.getByRole('switch', { name: 'Run “keep-two” on its schedule' });
  await toggle.uncheck();
  await expect(card).toHaveAttribute('data-enabled', 'false');
  await expect(card.getByTestId('policy-next')).toHaveText('Does not run while disabled');
  expect(app.core.policies.get('keep-two').enabled).toBe(false);
  await toggle.check();
  await expect(card).toHaveAttribute('data-enabled', 'true');
  expect(app.core.policies.get('keep-two').enabled).toBe(true);

  // Edit keeps the name unless it changes; a rename replaces the old entry.
  await card.getByRole('button', { name: 'Edit' }).click();
  editor = page.getByTestId('policy-editor');
  await expect(editor.getByLabel('Keep the newest tags of each repository')).toHaveValue('2');
  await editor.getByLabel('Name', { exact: true }).fill('keep two');
  await editor.getByRole('button', { name: 'Save policy' }).click();
  await expect(editor).toBeHidden();
  await expect(page.locator('li[data-testid="policy"]')).toHaveCount(1);
  expect(app.core.policies.list().map((s) => s.policy.name)).toEqual(['keep two']);

  // Remove asks first; removing a policy changes nothing on the engine.
  const renamed = page.locator('li[data-testid="policy"][data-name="keep two"]');
  await renamed.getByRole('button', { name: 'Remove' }).click();
  await expect(renamed).toContainText('Remove the policy “keep two”? Nothing on the engine changes.');
  await renamed.getByRole('button', { name: 'Remove policy' }).click();
  await expect(page.getByTestId('policies-empty')).toBeVisible();
  expect(app.core.policies.list()).toEqual([]);
});

test('the starter policy, with a threshold, planned against the engine', async ({ app }) => {
  await threeBuilds(app.docker);
  await app.open();
  await goTo(app.page, 'policies');
  await app.page.getByRole('button', { name: 'Start with “weekly”' }).click();
  const editor = app.page.getByTestId('policy-editor');
  await expect(editor.getByLabel('Name', { exact: true })).toHaveValue('weekly');
  await expect(editor.getByLabel('Not used for (days)')).toHaveValue('30');
  await expect(editor.getByLabel('Keep the newest tags of each repository')).toHaveValue('3');
  // Images over a tiny threshold: the least recently used go, down to the target.
  await editor.getByRole('radio', { name: 'Images take more than a size' }).check();
  await editor.getByLabel('More than (GB)').fill('0.000001');
  await editor.getByLabel('Down to (GB)').fill('0');
  await editor.getByRole('button', { name: 'Save policy' }).click();
  await expect(editor).toBeHidden();
  const card = app.page.locator('li[data-testid="policy"][data-name="weekly"]');
  await expect(card.getByTestId('policy-rules')).toContainText('not used for 30 days');
  await expect(card.getByTestId('policy-rules')).toContainText(/when images take more than 1 kB, down to 0/);
  await card.getByRole('button', { name: 'Preview' }).click();
  const dialog = app.page.getByTestId('plan-dialog');
  await settledPlan(dialog);
  const notes = dialog.getByTestId('policy-notes');
  await expect(notes).toContainText('Only images with no use seen for 30 days');
  await expect(notes).toContainText(/Images take .+, over the threshold of 1 kB/);
  // Three tags of one repository and the base image, all kept by "the newest 3": nothing may go.
  await expect(notes).toContainText('the target is still not met');
  await expect(dialog.locator('[data-group="remove-image"]')).toHaveCount(0);
  await shot(app.page, 'policies-preview-threshold');
});

test.describe('in Simplified Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the Policies screen, its editor and a preview read in Chinese', async ({ app }) => {
    await threeBuilds(app.docker);
    await app.open();
    await goTo(app.page, 'policies');
    const page = app.page;
    await expect(page.getByRole('heading', { name: '策略', exact: true })).toBeVisible();
    await expect(page.getByTestId('policies-empty')).toContainText('还没有策略');
    await shotBothSchemes(page, 'policies-empty-zh');

    await page.getByRole('button', { name: '从“每周”开始' }).click();
    const editor = page.getByTestId('policy-editor');
    await expect(editor.getByLabel('名称', { exact: true })).toHaveValue('每周');
    await editor.getByLabel('每个仓库保留最新的标签数').fill('2');
    await editor.getByLabel('未使用时长（天）').fill('');
    await editor.getByRole('radio', { name: '自动执行' }).check();
    await expect(editor.getByTestId('policy-automatic')).toContainText('从不停止或删除容器');
    await toTop(editor);
    await shotBothSchemes(page, 'policies-editor-zh');
    await editor.getByRole('button', { name: '保存策略' }).click();
    await expect(editor).toBeHidden();

    const card = page.locator('li[data-testid="policy"][data-name="每周"]');
    await expect(card).toContainText('每周');
    await expect(card).toContainText('自动执行');
    await expect(card.getByTestId('policy-rules')).toHaveText('未使用的镜像，每个仓库保留最新的 2 个标签');
    await expect(card.getByTestId('policy-last')).toHaveText('尚未运行');
    await shotBothSchemes(page, 'policies-screen-zh');

    await card.getByRole('button', { name: '预览' }).click();
    const dialog = page.getByTestId('plan-dialog');
    await settledPlan(dialog);
    await expect(dialog.getByRole('heading', { name: '策略“每周”' })).toBeVisible();
    await expect(dialog.getByTestId('policy-notes')).toContainText('按构建日期保留每个仓库最新的 2 个标签。');
    await expect(dialog.locator('[data-group="remove-image"]')).toContainText('pol/app:1');
    await shotBothSchemes(page, 'policies-preview-zh');
  });
});
