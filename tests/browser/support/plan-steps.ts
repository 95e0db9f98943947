// What the plan, fix, prune and start-fresh specs do again and again: open a
// screen, select images the way a person does, drive the plan dialog, look at
// it (screenshots, axe), and read back what the engine holds afterwards.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type Dockerode from 'dockerode';
import { mkdirSync } from 'node:fs';

export const FLOWS_DIR = 'test-results/flows';

/** Where this test's screenshots go: test-results/flows/ on docker20, test-results/flows/<engine>/ on the others. */
export function flowsDir(): string {
  const engine = (test.info().project.use as { engine?: string }).engine ?? 'docker20';
  return engine === 'docker20' ? FLOWS_DIR : `${FLOWS_DIR}/${engine}`;
}

/** Opens a screen through the sidebar link, as a person would (any language). */
export async function goTo(
  page: Page,
  screen:
    | 'overview'
    | 'fleet'
    | 'images'
    | 'containers'
    | 'volumes'
    | 'build-cache'
    | 'activity'
    | 'policies'
    | 'trash'
    | 'settings',
) {
  await page.getByRole('navigation').locator(`a[href="#/${screen}"]`).click();
}

/** Selects the image rows showing each text (first a plain click, then Ctrl-clicks), then "Remove selected". */
export async function removeImagesFromList(page: Page, texts: string[]): Promise<Locator> {
  await goTo(page, 'images');
  const grid = page.getByRole('grid');
  for (const [i, text] of texts.entries()) {
    const row = grid.getByRole('row').filter({ hasText: text }).first();
    await expect(row).toBeVisible();
    await row.click(i === 0 ? {} : { modifiers: ['ControlOrMeta'] });
  }
  await page.getByRole('button', { name: /Remove selected/ }).click();
  const dialog = page.getByTestId('plan-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('plan-preview')).toBeVisible();
  return dialog;
}

/** Waits until the dialog shows a plan that is not being re-planned. */
export async function settledPlan(dialog: Locator): Promise<void> {
  await expect(dialog.getByTestId('plan-preview')).toBeVisible();
  await expect(dialog.locator('.body[aria-busy="false"]')).toBeVisible();
}

/** Picks a fix in the guided card for a conflict kind, then waits for the re-plan. */
export async function chooseFix(dialog: Locator, conflict: string, option: string | RegExp): Promise<void> {
  const card = dialog.locator(`article[data-conflict="${conflict}"]`);
  await card.getByRole('radio', { name: option }).check();
  await settledPlan(dialog);
  await expect(
    dialog.locator(`article[data-conflict="${conflict}"]`).getByRole('radio', { name: option }),
  ).toBeChecked();
}

/** Confirms and waits for the summary. */
export async function confirmAndWait(dialog: Locator): Promise<Locator> {
  await dialog.getByTestId('plan-confirm').click();
  const summary = dialog.getByTestId('plan-summary');
  await expect(summary).toBeVisible({ timeout: 60_000 });
  return summary;
}

/** No serious or critical axe violations inside the open dialog (or the given selector). */
export async function expectAccessible(page: Page, include = 'dialog[open]'): Promise<void> {
  const results = await new AxeBuilder({ page }).include(include).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** Screenshot of the page with the dialog, under test-results/flows/[<engine>/]. */
export async function shot(page: Page, name: string): Promise<string> {
  const dir = flowsDir();
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/${name}.png`;
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}

/** The same screen in light and dark. */
export async function shotBothSchemes(page: Page, name: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await shot(page, `${name}-light`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

const familiar = (t: string) => t.replace(/^docker\.io\/(library\/)?/, '').replace(/^localhost\//, '');

/** Every tag on the engine, familiar form. */
export async function engineTags(docker: Dockerode): Promise<string[]> {
  const images = await docker.listImages();
  return images.flatMap((i) => (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>').map(familiar));
}

export async function engineImageIds(docker: Dockerode): Promise<string[]> {
  return (await docker.listImages({ all: true })).map((i) => i.Id);
}

export async function engineContainerNames(docker: Dockerode): Promise<string[]> {
  return (await docker.listContainers({ all: true })).map((c) => (c.Names?.[0] ?? c.Id).replace(/^\//, ''));
}
