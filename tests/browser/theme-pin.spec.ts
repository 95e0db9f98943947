// A theme pinned in Settings wins over the OS in the cleanup dialogs too:
// pinned dark while the OS is light (and pinned light while it is dark), the
// plan preview, the summary and the live fix dialog are painted in the pinned
// theme throughout (code blocks, badges, notes, the chosen option), and every
// button in them keeps its contrast (axe's color-contrast rule, one button at a
// time so none goes unmeasured). Runs on docker20 only: the colours do not
// depend on the engine. Screenshots of the preview in each pin go to /tmp.

import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { buildImage, resetEngine, runContainer } from '../engines/harness';
import { expect, test } from './support/app-fixture';
import { confirmAndWait, goTo, removeImagesFromList, settledPlan } from './support/plan-steps';

type Scheme = 'light' | 'dark';

const PINS: ReadonlyArray<{ theme: Scheme; os: Scheme }> = [
  { theme: 'dark', os: 'light' },
  { theme: 'light', os: 'dark' },
];

test.use({ viewport: { width: 1280, height: 900 } });

test.beforeEach(async ({ app }) => {
  await resetEngine(app.docker);
});

/** Emulates the OS scheme, then pins the theme in Settings as a person would. */
async function pinTheme(page: Page, theme: Scheme, os: Scheme): Promise<void> {
  await page.emulateMedia({ colorScheme: os });
  await goTo(page, 'settings');
  await page
    .getByRole('group', { name: 'Theme' })
    .getByRole('radio', { name: theme === 'dark' ? 'Dark' : 'Light', exact: true })
    .check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/**
 * Runs in the page: every visible box the dialog paints (the dialog itself and
 * each element inside it with a background of its own), with the relative
 * luminance of that background. Left out: accent-filled main actions and the
 * risk tooltips, which stand out from the theme on purpose, and native
 * controls, which color-scheme paints.
 */
function paintedBoxes(dialog: Element): Array<{ box: string; background: string; luminance: number }> {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const boxes: Array<{ box: string; background: string; luminance: number }> = [];
  for (const el of [dialog, ...dialog.querySelectorAll('*')]) {
    if (!el.checkVisibility()) continue;
    if (el.closest('.primary, [role="tooltip"], input, progress')) continue;
    const background = getComputedStyle(el).backgroundColor;
    const [r = 0, g = 0, b = 0, a = 1] = (background.match(/[\d.]+/g) ?? []).map(Number);
    if (a === 0) continue;
    const classes = [...el.classList].filter((c) => !c.startsWith('svelte-')).join('.');
    boxes.push({
      box: `${el.tagName.toLowerCase()}${classes ? `.${classes}` : ''}`,
      background,
      luminance: 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b),
    });
  }
  return boxes;
}

/** The dialog and everything it paints is in the pinned theme. */
async function expectPaintedIn(dialog: Locator, theme: Scheme): Promise<void> {
  const boxes = await dialog.evaluate(paintedBoxes);
  expect(boxes.length).toBeGreaterThan(0);
  expect(boxes[0]!.box).toBe('dialog');
  // Dark surfaces here sit below 0.1, light ones above 0.6.
  const wrong = boxes.filter((b) => (theme === 'dark' ? b.luminance > 0.1 : b.luminance < 0.6));
  expect(
    wrong.map((b) => `${b.box} ${b.background}`),
    `boxes not ${theme}`,
  ).toEqual([]);
}

/** axe's color-contrast rule on the whole dialog, then on each enabled button alone: no violation, each one measured. */
async function expectContrast(page: Page, dialog: Locator, label: string): Promise<void> {
  // No hover colours: the pointer rests outside the dialog.
  await page.mouse.move(1, 1);
  const whole = await new AxeBuilder({ page }).include('dialog[open]').withRules(['color-contrast']).analyze();
  const report = (v: typeof whole.violations) =>
    v.flatMap((r) => r.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
  expect(report(whole.violations), `contrast in ${label}`).toEqual([]);

  const buttons = dialog.locator('button:visible:enabled');
  const count = await buttons.count();
  expect(count, `buttons in ${label}`).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const button = buttons.nth(i);
    const name = ((await button.getAttribute('aria-label')) ?? (await button.innerText())).trim();
    // In view: axe measures what is on screen, not a button scrolled out of the dialog's body.
    await button.scrollIntoViewIfNeeded();
    await button.evaluate((el, n) => el.setAttribute('data-contrast-check', String(n)), i);
    const one = await new AxeBuilder({ page })
      .include(`[data-contrast-check="${i}"]`)
      .withRules(['color-contrast'])
      .analyze();
    await button.evaluate((el) => el.removeAttribute('data-contrast-check'));
    expect(report(one.violations), `contrast of “${name}” in ${label}`).toEqual([]);
    expect(
      one.incomplete.map((r) => r.id),
      `axe could not measure “${name}” in ${label}`,
    ).toEqual([]);
    expect(one.passes.length, `axe measured “${name}” in ${label}`).toBeGreaterThan(0);
  }
}

for (const { theme, os } of PINS) {
  test(`pinned ${theme} while the OS is ${os}: the preview, the summary and the fix dialog are ${theme} and readable`, async ({
    app,
  }) => {
    const { page } = app;
    await buildImage(app.docker, { tag: 'pin/app:1', files: { '/app.txt': 'app' } });
    await buildImage(app.docker, { tag: 'pin/db:1', files: { '/db.txt': 'db' } });
    await runContainer(app.docker, 'pin/db:1', { name: 'pin-db', running: true });
    await buildImage(app.docker, { tag: 'pin/late:1', files: { '/late.txt': 'late' } });
    await app.open();
    await pinTheme(page, theme, os);

    // The preview: a risk badge, the conflict card with the engine's words and the chosen option, the commands.
    const preview = await removeImagesFromList(page, ['pin/app', 'pin/db']);
    await settledPlan(preview);
    await expect(preview.locator('[data-risk]').first()).toBeVisible();
    await expect(preview.locator('article[data-conflict="running-container"] pre').first()).toBeVisible();
    await expect(preview.locator('.commands pre').last()).toBeVisible();
    await expect(preview.getByTestId('plan-confirm')).toBeEnabled();
    await expectPaintedIn(preview, theme);
    await expectContrast(page, preview, `the preview pinned ${theme}`);
    // The whole preview at once: a window tall enough that nothing scrolls.
    await page.setViewportSize({ width: 1280, height: 1500 });
    await preview.locator('.body').evaluate((el) => (el.scrollTop = 0));
    await page.screenshot({ path: `/tmp/wt-e-preview-pinned-${theme}.png`, animations: 'disabled' });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.keyboard.press('Escape');
    await expect(preview).toBeHidden();

    // A container started after the preview: the summary says one was skipped, and offers the fix.
    const plan = await removeImagesFromList(page, ['pin/late']);
    await settledPlan(plan);
    await runContainer(app.docker, 'pin/late:1', { name: 'pin-late', running: true });
    const summary = await confirmAndWait(plan);
    await expect(summary).toContainText('skipped 1');
    await expectPaintedIn(plan, theme);
    await expectContrast(page, plan, `the summary pinned ${theme}`);
    await summary.getByRole('button', { name: 'Show the fixes' }).click();

    const fix = page.getByTestId('fix-dialog');
    await expect(fix).toBeVisible();
    await fix.getByRole('radio', { name: /Stop and remove the container/ }).check();
    await expect(fix.getByRole('button', { name: 'Preview this fix' })).toBeEnabled();
    await expectPaintedIn(fix, theme);
    await expectContrast(page, fix, `the fix dialog pinned ${theme}`);
    await page.screenshot({ path: `/tmp/wt-e-fix-pinned-${theme}.png`, animations: 'disabled' });

    // The pin survives the dialogs: still the pinned theme, whatever the OS says.
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  });
}
