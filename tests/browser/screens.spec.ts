// The app's screens against a live Docker engine: overview, images,
// containers, settings, and the engine-health banner. Each is checked for what
// it shows (against what the engine holds), for its interactions, with
// axe-core, and photographed in light and dark to test-results/screens/.

import type { Locator, Page } from '@playwright/test';
import { formatBytes } from '../../src-shared/format';
import { connect } from '../engines/harness';
import { expectAccessible } from './support/axe';
import { expect, test } from './support/app-fixture';
import { engineRows, seedScreens, type Seeded } from './support/screens-seed';

let seeded: Seeded;

// One engine state for the file; the containers test changes it last.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const host = process.env.BARNACLE_TEST_DOCKER_HOST;
  if (host) seeded = await seedScreens(connect(host));
});

// The strict CSP (no inline styles or scripts) must hold on every screen: any violation fails the test.
const cspErrors: string[] = [];
test.beforeEach(async ({ page }) => {
  cspErrors.length = 0;
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
  });
});
test.afterEach(() => expect(cspErrors).toEqual([]));

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png` });
const short = (id: string) => id.replace('sha256:', '').slice(0, 12);

async function go(page: Page, screen: string): Promise<void> {
  await page.evaluate((s) => (location.hash = `/${s}`), screen);
}

/** Both themes, through the OS preference (the default "System" theme follows it). */
async function inBothThemes(page: Page, name: string, check: () => Promise<void> = async () => {}): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await check();
    await shot(page, `${name}-${scheme}`);
    await expectAccessible(page, `${name} (${scheme})`);
  }
}

test.describe('overview', () => {
  test('shows the four kinds of disk usage, the dangling entry and the biggest images', async ({ app }) => {
    const { page } = app;
    await app.open();
    const usage = page.getByRole('region', { name: 'Disk usage' });
    for (const kind of ['Images', 'Containers', 'Volumes', 'Build cache']) {
      await expect(usage.getByRole('rowheader', { name: kind })).toBeVisible();
      // Every chart segment carries its own label.
      await expect(usage.getByRole('group', { name: new RegExp(`^${kind}: .+ in total$`) })).toBeVisible();
    }
    await expect(usage.getByRole('img', { name: /^Images in use: .+ MB$/ })).toBeVisible();
    await expect(usage.getByText(/^Measured (now|\d+ seconds? ago)/)).toBeVisible();
    // Table figures: 2 containers, 1 running.
    await expect(
      usage
        .getByRole('row', { name: /^Containers/ })
        .getByRole('cell')
        .last(),
    ).toHaveText('1 / 2');

    const actions = page.getByRole('region', { name: 'Clean up' });
    await expect(actions.getByText('1 untagged image no container uses', { exact: true })).toBeVisible();
    const biggest = page.getByRole('region', { name: 'Biggest images' });
    await expect(biggest.getByRole('listitem')).toHaveCount(Math.min(8, (await app.docker.listImages()).length));

    await inBothThemes(page, 'overview-en');

    // Once main has read the layer facts, the figure is the dangling image's own bytes.
    const danglingImage = () => app.core.inventory.snapshot?.images.find((i) => i.id === seeded.dangling);
    await expect.poll(() => danglingImage()?.uniqueSize).toBeGreaterThan(0);
    const own = formatBytes(danglingImage()!.uniqueSize!);
    await expect(actions.getByRole('button', { name: `Prune dangling (frees at least ${own})` })).toBeVisible();
    // The dangling entry opens the plan preview; nothing is removed from here.
    await actions.getByRole('button', { name: /^Prune dangling \(frees (at least|up to) .+\)$/ }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    expect((await app.docker.listImages()).some((i) => i.Id === seeded.dangling)).toBe(true);
  });

  test('in Chinese, following the language setting', async ({ app }) => {
    const { page } = app;
    await page.addInitScript(() => localStorage.setItem('barnacle.settings', JSON.stringify({ language: 'zh' })));
    await app.open();
    await expect(page.getByRole('heading', { name: '概览', level: 1 })).toBeVisible();
    await expect(page.getByRole('rowheader', { name: '构建缓存' })).toBeVisible();
    await expect(page.getByText(/^1 个没有标签且没有容器使用的镜像/)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await inBothThemes(page, 'overview-zh');
  });

  test('a biggest image opens in the images screen, selected', async ({ app }) => {
    const { page } = app;
    await app.open();
    await page
      .getByRole('region', { name: 'Biggest images' })
      .getByRole('button', { name: /api-debug/ })
      .click();
    await expect(page.getByRole('heading', { name: 'Images', level: 1 })).toBeVisible();
    await expect(
      page.getByRole('complementary').getByRole('heading', { name: 'barnacle-demo/api-debug:1.4.2' }),
    ).toBeVisible();
    await expect(page.getByRole('row', { selected: true })).toHaveCount(1);
  });
});

test.describe('images', () => {
  const grid = (page: Page) => page.getByRole('grid', { name: 'Images' });
  const bodyRows = (page: Page) =>
    grid(page)
      .getByRole('row')
      .filter({ hasNot: page.getByRole('columnheader') });
  const cellTexts = async (rows: Locator, col: number) =>
    rows.evaluateAll(
      (els, c) => els.map((el) => el.querySelectorAll('[role=gridcell]')[c]?.textContent?.trim() ?? ''),
      col,
    );
  const header = (page: Page, name: string) => grid(page).getByRole('columnheader').filter({ hasText: name });
  /** A column's place among the grid's cells, found by its header: columns come and go. */
  const columnOf = async (page: Page, name: string) => {
    const index = (await grid(page).getByRole('columnheader').allTextContents()).findIndex((t) => t.includes(name));
    expect(index, `a column headed ${name}`).toBeGreaterThan(-1);
    return index;
  };

  test('lists exactly what the engine holds, with badges and details', async ({ app }) => {
    const { page } = app;
    await app.open();
    await go(page, 'images');
    const expected = await engineRows(app.docker);
    await expect(grid(page)).toHaveAttribute('aria-rowcount', String(expected.length + 1));
    await expect(bodyRows(page)).toHaveCount(expected.length);
    for (const ref of expected.filter((r) => !r.startsWith('sha256:'))) {
      const at = ref.lastIndexOf(':');
      const row = bodyRows(page)
        .filter({ hasText: ref.slice(0, at) })
        .filter({ hasText: ref.slice(at + 1) });
      await expect(row.first()).toBeVisible();
    }
    const dangling = bodyRows(page).filter({ hasText: short(seeded.dangling) });
    await expect(dangling).toContainText('<none>');
    await expect(dangling).toContainText('dangling');
    await expect(bodyRows(page).filter({ hasText: 'barnacle-demo/web' })).toContainText('running');
    await expect(bodyRows(page).filter({ hasText: 'barnacle-demo/worker' })).toContainText('stopped only');
    // Unique sizes arrive from main's layer facts in the background; each row then shows
    // main's figure (a layer shared with another image counts for neither).
    const unique = await columnOf(page, 'Unique');
    await expect.poll(async () => (await cellTexts(bodyRows(page), unique)).every((c) => /\d/.test(c))).toBe(true);
    const danglingImage = app.core.inventory.snapshot!.images.find((i) => i.id === seeded.dangling)!;
    expect(danglingImage.uniqueSize).toBeGreaterThan(0);
    expect(danglingImage.uniqueSize).toBeLessThan(danglingImage.size);
    await expect(dangling.locator('.c-unique')).toHaveText(formatBytes(danglingImage.uniqueSize!));
    // Containers column: count, names on hover.
    await expect(bodyRows(page).filter({ hasText: 'barnacle-demo/web' }).locator('.c-ctr')).toHaveAttribute(
      'title',
      /web-1 \(Running\)/,
    );

    await inBothThemes(page, 'images');

    // Details: all tags, the child, the container.
    await bodyRows(page).filter({ hasText: 'registry.local:5000/team/api' }).dblclick();
    const detail = page.getByRole('complementary');
    for (const tag of ['barnacle-demo/api:1.4.2', 'barnacle-demo/api:latest', 'registry.local:5000/team/api:stable']) {
      await expect(detail.getByRole('listitem').getByText(tag, { exact: true })).toBeVisible();
    }
    await expect(detail.getByRole('button', { name: 'barnacle-demo/api-debug:1.4.2' })).toBeVisible();
    await expect(detail.getByText('Demo API')).toBeVisible();
    // Layers from the engine: the base's, shared with every image built on it; the top one
    // held by its child image too (api-debug is built on it), so removing it alone frees nothing.
    const layers = detail.locator('li.layer');
    await expect(layers).toHaveCount(2);
    await expect(layers.first()).toContainText(/shared with \d+ images/);
    await expect(layers.last()).toContainText('shared with 1 image');
    await inBothThemes(page, 'images-detail');
    await detail.getByRole('button', { name: 'barnacle-demo/api-debug:1.4.2' }).click();
    await expect(detail.getByRole('button', { name: 'barnacle-demo/api:1.4.2' })).toBeVisible();
    await grid(page).focus();
    await page.keyboard.press('Escape');
    await expect(detail).toBeHidden();
  });

  test('says the lists follow the engine live; a change elsewhere shows without Refresh, which reads again', async ({
    app,
  }) => {
    const { page } = app;
    await app.open();
    await go(page, 'images');
    const freshness = page.locator('header .freshness');
    await expect(freshness).toHaveText('Live: follows the engine’s events');
    // Tagged from outside the app (as a terminal would): main's event stream brings it in.
    const id = (await app.docker.getImage('barnacle-demo/web:latest').inspect()).Id;
    await app.docker.getImage(id).tag({ repo: 'barnacle-demo/elsewhere', tag: 'live' });
    await expect(bodyRows(page).filter({ hasText: 'barnacle-demo/elsewhere' })).toHaveCount(1);
    await shot(page, 'images-live');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(freshness).toHaveText('Live: follows the engine’s events');
    await app.docker.getImage('barnacle-demo/elsewhere:live').remove();
    await expect(bodyRows(page).filter({ hasText: 'barnacle-demo/elsewhere' })).toHaveCount(0);
  });

  test('sorts by any column, with aria-sort', async ({ app }) => {
    const { page } = app;
    await app.open();
    await go(page, 'images');
    await expect(bodyRows(page).first()).toBeVisible();
    const refs = (await engineRows(app.docker)).filter((r) => !r.startsWith('sha256:'));
    const repos = refs.map((r) => r.slice(0, r.lastIndexOf(':')));
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

    await header(page, 'Repository').getByRole('button').click();
    await expect(header(page, 'Repository')).toHaveAttribute('aria-sort', 'ascending');
    await expect(header(page, 'Created')).toHaveAttribute('aria-sort', 'none');
    const asc = await cellTexts(bodyRows(page), 1);
    expect(asc).toEqual([...[...repos].sort(collator.compare), '<none>']);

    await header(page, 'Repository').getByRole('button').click();
    await expect(header(page, 'Repository')).toHaveAttribute('aria-sort', 'descending');
    expect((await cellTexts(bodyRows(page), 1)).filter((r) => r !== '<none>')).toEqual(
      [...repos].sort(collator.compare).reverse(),
    );

    await header(page, 'Size').getByRole('button').click();
    await expect(header(page, 'Size')).toHaveAttribute('aria-sort', 'descending');
    const sizes = (await cellTexts(bodyRows(page), await columnOf(page, 'Size'))).map(
      (s) => parseFloat(s) * (s.endsWith('MB') ? 1e6 : 1e3),
    );
    expect(
      sizes.every((n) => Number.isFinite(n)),
      String(sizes),
    ).toBe(true);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));

    await header(page, 'Used by').getByRole('button').click();
    expect((await cellTexts(bodyRows(page), await columnOf(page, 'Used by'))).slice(0, 2)).toEqual(['1', '1']);
  });

  test('filters and search match the engine', async ({ app }) => {
    const { page } = app;
    await app.open();
    await go(page, 'images');
    await expect(bodyRows(page).first()).toBeVisible();
    const all = await engineRows(app.docker);
    const used = new Set((await app.docker.listContainers({ all: true })).map((c) => c.ImageID));
    const images = await app.docker.listImages();
    const rowsOf = (ids: string[]) =>
      images.filter((i) => ids.includes(i.Id)).flatMap((i) => (i.RepoTags?.length ? i.RepoTags : [i.Id]));

    await page.getByRole('button', { name: 'Dangling', exact: true }).click();
    await expect(bodyRows(page)).toHaveCount(1);
    await expect(bodyRows(page)).toContainText(short(seeded.dangling));

    await page.getByRole('button', { name: 'In use', exact: true }).click();
    await expect(bodyRows(page)).toHaveCount(rowsOf(images.filter((i) => used.has(i.Id)).map((i) => i.Id)).length);
    await expect(bodyRows(page).filter({ hasText: 'web' })).toHaveCount(1);

    await page.getByRole('button', { name: 'Unused', exact: true }).click();
    await expect(bodyRows(page)).toHaveCount(rowsOf(images.filter((i) => !used.has(i.Id)).map((i) => i.Id)).length);

    await page.getByRole('button', { name: 'All', exact: true }).click();
    await page.getByLabel('Older than').selectOption('24h');
    await expect(grid(page).getByText('No image matches the search and filters.')).toBeVisible();
    await page.getByLabel('Older than').selectOption('any');
    await expect(bodyRows(page)).toHaveCount(all.length);

    // "/" focuses the search from anywhere on the screen.
    await grid(page).focus();
    await page.keyboard.press('/');
    await expect(page.getByRole('searchbox', { name: 'Search images' })).toBeFocused();
    await page.keyboard.type('api');
    await expect(bodyRows(page)).toHaveCount(all.filter((r) => r.includes('api')).length);
    await page.keyboard.press('Escape');
    await expect(bodyRows(page)).toHaveCount(all.length);
    await page.keyboard.press('Control+f');
    await page.keyboard.type(short(seeded.dangling));
    await expect(bodyRows(page)).toHaveCount(1);
    // Searching by a container's name finds its image.
    await page.getByRole('searchbox', { name: 'Search images' }).fill('worker-old');
    await expect(bodyRows(page)).toHaveCount(1);
    await expect(bodyRows(page)).toContainText('barnacle-demo/worker');
  });

  test('multi-select with click, Shift-click, Ctrl-click, keyboard and select-all', async ({ app }) => {
    const { page } = app;
    await app.open();
    await go(page, 'images');
    await header(page, 'Repository').getByRole('button').click();
    const rows = bodyRows(page);
    const selected = grid(page).getByRole('row', { selected: true });
    await expect(rows.first()).toBeVisible();

    await rows.nth(0).click();
    await rows.nth(3).click({ modifiers: ['Shift'] });
    await expect(selected).toHaveCount(4);
    await rows.nth(1).click({ modifiers: ['Control'] });
    await expect(selected).toHaveCount(3);
    await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'false');
    await rows.nth(6).click({ modifiers: ['Control'] });
    await expect(selected).toHaveCount(4);
    const remove = page.getByRole('button', { name: 'Remove selected (4)' });
    await expect(remove).toBeEnabled();

    // Remove selected goes to the plan preview with exactly those references.
    const refs = await selected.evaluateAll((els) =>
      els.map((el) => {
        const cells = el.querySelectorAll('[role=gridcell]');
        return `${cells[1]!.textContent!.trim()}:${cells[2]!.textContent!.trim()}`;
      }),
    );
    await remove.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    for (const ref of refs) await expect(dialog.getByText(ref).first()).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // Keyboard: arrows move, Space toggles, Shift+arrows extend, Esc clears, Ctrl+A selects all shown.
    await grid(page).focus();
    await page.keyboard.press('Escape');
    await expect(selected).toHaveCount(0);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await expect(selected).toHaveCount(1);
    await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await expect(selected).toHaveCount(3);
    await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'img-row-3');
    await page.keyboard.press('Escape');
    await expect(selected).toHaveCount(0);
    await page.keyboard.press('Control+a');
    await expect(selected).toHaveCount(await rows.count());
    await page.keyboard.press('Delete');
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');

    // Select-all covers only what the filter shows.
    await grid(page).focus();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'In use', exact: true }).click();
    await page.getByRole('checkbox', { name: /^Select all \d+ images shown$/ }).check();
    await expect(selected).toHaveCount(2);
    await expect(page.getByRole('button', { name: 'Remove selected (2)' })).toBeVisible();
  });
});

test.describe('containers', () => {
  const table = (page: Page) => page.getByRole('table', { name: 'Containers' });
  const row = (page: Page, name: string) => table(page).getByRole('row').filter({ hasText: name });

  test('stop and start reach the engine; filters by state and image', async ({ app }) => {
    const { page, docker } = app;
    await app.open();
    await go(page, 'containers');
    await expect(row(page, 'web-1')).toContainText('Running');
    await expect(row(page, 'web-1')).toContainText('barnacle-demo/web:latest');
    await expect(row(page, 'web-1')).toContainText('shop');
    await expect(row(page, 'worker-old')).toContainText('Stopped');
    await inBothThemes(page, 'containers');

    await row(page, 'web-1').getByRole('button', { name: 'Stop web-1' }).click();
    await expect(row(page, 'web-1')).toContainText('Stopped', { timeout: 20_000 });
    expect((await docker.getContainer(seeded.webContainer).inspect()).State.Running).toBe(false);

    await row(page, 'worker-old').getByRole('button', { name: 'Start worker-old' }).click();
    await expect(row(page, 'worker-old')).toContainText('Running', { timeout: 20_000 });
    expect((await docker.getContainer(seeded.workerContainer).inspect()).State.Running).toBe(true);

    await page.getByRole('group', { name: 'State' }).getByRole('button', { name: 'Running' }).click();
    await expect(table(page).getByRole('row')).toHaveCount(2); // header + worker-old
    await expect(row(page, 'worker-old')).toBeVisible();
    await page.getByRole('group', { name: 'State' }).getByRole('button', { name: 'All' }).click();

    // `--filter ancestor=`: the image and what is built on it.
    await page.getByRole('combobox', { name: /^Image/ }).selectOption({ label: 'barnacle-demo/web:latest' });
    await expect(table(page).getByRole('row')).toHaveCount(2);
    await expect(row(page, 'web-1')).toBeVisible();

    // Removing stopped containers goes through the plan preview, scoped to that image.
    await page.getByRole('button', { name: 'Remove 1 stopped container…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText('web-1').first()).toBeVisible();
    await page.keyboard.press('Escape');

    // Bulk: select both, start the stopped one.
    await page.getByRole('combobox', { name: /^Image/ }).selectOption('');
    await page.getByRole('checkbox', { name: /^Select all 2 containers shown$/ }).check();
    await page.getByRole('button', { name: 'Start (1)' }).click();
    await expect(row(page, 'web-1')).toContainText('Running', { timeout: 20_000 });
    expect((await docker.getContainer(seeded.webContainer).inspect()).State.Running).toBe(true);
  });
});

test.describe('settings', () => {
  test('language, theme and their persistence; the engine list', async ({ app }) => {
    const { page } = app;
    await app.open();
    await go(page, 'settings');
    await expect(page.getByRole('group', { name: 'Engine' }).getByRole('radio', { name: /Test Docker/ })).toBeChecked();
    await inBothThemes(page, 'settings-en');
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByRole('radio', { name: '简体中文' }).check();
    await expect(page.getByRole('navigation').getByRole('link', { name: '概览' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '设置', level: 1 })).toBeVisible();
    await page.getByRole('radio', { name: '深色' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await shot(page, 'settings-zh-dark');
    await expectAccessible(page, 'settings (Chinese, dark)');

    // Both choices survive a restart, and the pinned theme wins over the OS.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('heading', { name: '设置', level: 1 })).toBeVisible();
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(16, 19, 24)');

    await page.getByRole('radio', { name: '跟随系统' }).first().check();
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  });
});

test.describe('engine health', () => {
  test('a lost engine shows what is wrong, what to do and the retry countdown', async ({ app }) => {
    const { page } = app;
    await app.open();
    await expect(page.getByRole('button', { name: /Docker 20\./ })).toBeVisible();
    await page.evaluate(() =>
      (
        window as unknown as { barnacle: { selectEngine(a: { host: string }): Promise<unknown> } }
      ).barnacle.selectEngine({
        host: 'unix:///tmp/barnacle-no-engine.sock',
      }),
    );
    const banner = page.getByRole('alert').filter({ hasText: 'No engine found here' });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('/tmp/barnacle-no-engine.sock');
    await expect(banner).toContainText('sudo systemctl start docker');
    await expect(banner).toContainText(/Retrying in \d+ seconds?|Retrying…/);
    await expect(banner.getByRole('button', { name: 'Retry now' })).toBeVisible();
    await expect(page.getByRole('navigation').getByRole('button', { name: /No engine found/ })).toBeVisible();
    await inBothThemes(page, 'health-banner');
  });
});
