// The plan preview on a live engine: steps grouped by what they do, bytes,
// skipped items, the docker commands (copied), Confirm saying what it does,
// progress per step, the summary, and Cancel → Resume. Runs on each engine of
// support/engines.ts; where they differ (whether a built image can be pulled
// back is known on the classic store only) each one's answer is written out.
// An image built in RUN steps names the untagged build steps the engine
// deletes with it.

import { copyFileSync, mkdirSync } from 'node:fs';
import { buildImage, resetEngine, runContainer } from '../engines/harness';
import { expect, test } from './support/app-fixture';
import {
  chooseFix,
  confirmAndWait,
  engineContainerNames,
  engineImageIds,
  engineTags,
  expectAccessible,
  removeImagesFromList,
  settledPlan,
  shot,
  shotBothSchemes,
} from './support/plan-steps';

test.use({ viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });

/** Runs in the page: is the focused element inside the open dialog? */
const focusInDialog = () =>
  !!(
    globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } | null } }
  ).document.activeElement?.closest('dialog[open]');

test.beforeEach(async ({ app }) => {
  await resetEngine(app.docker);
});

test('several images at once: preview, copy the commands, confirm, progress, summary', async ({ app }) => {
  const ids = [
    await buildImage(app.docker, { tag: 'shop/api:2.3.1', files: { '/api.bin': 'x'.repeat(120_000) } }),
    await buildImage(app.docker, { tag: 'shop/worker:2.3.1', files: { '/worker.bin': 'y'.repeat(80_000) } }),
    await buildImage(app.docker, { tag: 'shop/web:2.3.1', files: { '/web.bin': 'z'.repeat(40_000) } }),
  ];
  await buildImage(app.docker, { tag: 'shop/db:15', files: { '/db.bin': 'd' } });
  await runContainer(app.docker, 'shop/db:15', { name: 'db', running: true });
  await app.open();

  const dialog = await removeImagesFromList(app.page, ['shop/api', 'shop/worker', 'shop/web', 'shop/db']);
  await settledPlan(dialog);
  const images = dialog.locator('[data-group="remove-image"]');
  await expect(images.locator('h4')).toHaveText('Remove 3 images');
  for (const tag of ['shop/api:2.3.1', 'shop/worker:2.3.1', 'shop/web:2.3.1']) await expect(images).toContainText(tag);
  await expect(images.locator('li').first()).toContainText('you selected it');
  // Built here: the classic store knows it cannot be pulled back (no repo digest); the
  // containerd store and Podman record no source, so the app can only say it may not be.
  const risk = images.locator('[data-risk="not-pullable"]');
  await expect(risk).toHaveCount(3);
  if (app.engine.store === 'classic') {
    await expect(risk.first()).toHaveText(/cannot be pulled back/);
    await expect(risk.first().locator('[role="tooltip"]')).toContainText('it has no registry digest');
  } else {
    await expect(risk.first()).toHaveText(/may not be pullable/);
    await expect(risk.first().locator('[role="tooltip"]')).toContainText(
      app.engine.family === 'podman' ? 'Podman records no source' : 'containerd image store records no source',
    );
  }
  const freed = dialog.getByTestId('bytes-freed');
  if (app.engine.store === 'containerd') {
    // The containerd store keeps each layer twice (unpacked snapshot and compressed blob) and the
    // blobs' share is estimated: "about", with the reason, and more than the 240 kB of files.
    await expect(freed).toHaveText(/^Frees about \d+ kB/);
    await expect(freed).toContainText('the containerd image store keeps each layer twice');
    const kB = Number(/Frees about (\d+) kB/.exec((await freed.textContent()) ?? '')?.[1]);
    expect(kB).toBeGreaterThanOrEqual(240);
    expect(kB).toBeLessThan(600);
  } else {
    await expect(freed).toHaveText(/Frees (about )?2\d\d kB/);
  }
  // The running db stays by default: a card to decide, and listed as staying.
  await expect(dialog.locator('article[data-conflict="running-container"]')).toContainText('"db"');
  await expect(dialog.locator('section.skipped')).toContainText('shop/db:15');

  const commands = dialog.locator('.commands').last();
  await expect(commands.locator('pre')).toContainText('docker rmi');
  await commands.getByRole('button', { name: 'Copy' }).click();
  await expect(commands.getByRole('status')).toHaveText('Copied');
  // The page's clipboard, read in the page (the test runs in Node, which has none).
  const copied = await app.page.evaluate(() =>
    (
      globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
    ).navigator.clipboard.readText(),
  );
  expect(copied).toBe((await commands.locator('pre').innerText()).trim());
  expect(copied).toMatch(/^docker rmi( [0-9a-f]{12}){3}$/m);

  await expect(dialog.getByTestId('plan-confirm')).toHaveText('Remove 3 images');
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'plan-preview');
  // The whole dialog at once, for the docs: a window tall enough that nothing scrolls.
  await app.page.setViewportSize({ width: 1280, height: 1500 });
  await dialog.locator('.body').evaluate((el) => (el.scrollTop = 0));
  const full = await shot(app.page, 'plan-preview-full-light');
  if (app.engine.name === 'docker20') {
    mkdirSync('docs', { recursive: true });
    copyFileSync(full, 'docs/plan-preview.png');
  }
  await app.page.setViewportSize({ width: 1280, height: 900 });

  const summary = await confirmAndWait(dialog);
  await expect(summary).toContainText(/Freed .* · removed 3 images · skipped 1: used by a running container/);
  await expect(dialog.getByRole('progressbar')).toHaveAttribute('value', '3');
  await expect(dialog.locator('li[data-state="done"]')).toHaveCount(3);
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'plan-summary');

  const left = await engineImageIds(app.docker);
  for (const id of ids) expect(left).not.toContain(id);
  expect(await engineTags(app.docker)).toContain('shop/db:15');
  expect(await engineContainerNames(app.docker)).toContain('db');
});

test('several stopped containers of one image go with it', async ({ app }) => {
  await buildImage(app.docker, { tag: 'batch/report:7', files: { '/r.txt': 'r' } });
  for (const name of ['report-mon', 'report-tue', 'report-wed']) {
    await runContainer(app.docker, 'batch/report:7', { name, running: false, writeBytes: 4096 });
  }
  await app.open();

  const dialog = await removeImagesFromList(app.page, ['batch/report']);
  await chooseFix(dialog, 'stopped-container', /Remove the 3 stopped containers, then the image/);
  const containers = dialog.locator('[data-group="remove-container"]');
  await expect(containers.locator('h4')).toHaveText('Remove 3 containers');
  await expect(containers.locator('[data-risk="writable-layer"]')).toHaveCount(3);
  await expect(dialog.getByTestId('plan-confirm')).toHaveText('Remove 3 containers and 1 image');
  await shotBothSchemes(app.page, 'plan-several-containers');

  await confirmAndWait(dialog);
  const names = await engineContainerNames(app.docker);
  for (const name of ['report-mon', 'report-tue', 'report-wed']) expect(names).not.toContain(name);
  expect(await engineTags(app.docker)).not.toContain('batch/report:7');
});

test('a plan stopped midway can be resumed', async ({ app }) => {
  await buildImage(app.docker, { tag: 'slow/svc:1', files: { '/s.txt': 's' } });
  await buildImage(app.docker, { tag: 'slow/free:1', files: { '/f.txt': 'f' } });
  // sleep as PID 1 ignores SIGTERM: stopping waits StopTimeout (6 s), time enough to press Cancel.
  const container = await app.docker.createContainer({
    Image: 'slow/svc:1',
    name: 'slow-svc',
    Cmd: ['/bin/busybox', 'sleep', '3600'],
    StopTimeout: 6,
    HostConfig: { NetworkMode: 'none' },
  });
  await container.start();
  await app.open();

  const dialog = await removeImagesFromList(app.page, ['slow/svc', 'slow/free']);
  await chooseFix(dialog, 'running-container', /Stop and remove the container/);
  await dialog.getByTestId('plan-confirm').click();
  const stop = dialog.getByRole('button', { name: 'Stop after this step' });
  await stop.click();
  const summary = dialog.getByTestId('plan-summary');
  await expect(summary).toBeVisible({ timeout: 30_000 });
  await expect(summary).toContainText('You stopped the plan');
  await expect(dialog.locator('li[data-state="not-run"]').first()).toBeVisible();
  await shotBothSchemes(app.page, 'plan-cancelled');

  await dialog.getByRole('button', { name: 'Resume' }).click();
  await settledPlan(dialog);
  // The container is stopped by now: the resumed plan asks again, cautiously.
  await chooseFix(dialog, 'stopped-container', /Remove the stopped container, then the image/);
  await confirmAndWait(dialog);
  expect(await engineTags(app.docker)).not.toContain('slow/svc:1');
  expect(await engineTags(app.docker)).not.toContain('slow/free:1');
  expect(await engineContainerNames(app.docker)).not.toContain('slow-svc');
});

test('an image built with RUN steps: the untagged build steps that go with it are named under it', async ({ app }) => {
  const id = await buildImage(app.docker, {
    tag: 'built/steps:1',
    files: { '/app.txt': 'x'.repeat(20_000) },
    runs: ['echo one > /one.txt', 'echo two > /two.txt'],
  });
  const untagged = (await app.docker.listImages({ all: true }))
    .filter((i) => (i.RepoTags ?? []).every((t) => t === '<none>:<none>'))
    .map((i) => i.Id);
  await app.open();

  const dialog = await removeImagesFromList(app.page, ['built/steps']);
  await settledPlan(dialog);
  const step = dialog.locator('[data-group="remove-image"] li[data-step]').first();
  await expect(step).toContainText('built/steps:1');
  const parents = step.getByTestId('also-removes');
  const summary = parents.locator('summary');
  // Collapsed: the count, and that their bytes are already in the image's figure.
  const stepBytes = (await step.locator('.bytes').first().textContent())?.trim() ?? '';
  await expect(summary).toHaveText(
    new RegExp(`^Also removes (\\d+) untagged build steps \\(already counted in this image’s ${stepBytes}\\)$`),
  );
  const count = Number(/Also removes (\d+)/.exec((await summary.textContent()) ?? '')?.[1]);
  expect(count).toBeGreaterThanOrEqual(2);
  // A disclosure a keyboard opens and a screen reader announces as one.
  await summary.focus();
  await app.page.keyboard.press('Space');
  await expect(parents).toHaveAttribute('open', '');
  await expect(parents).toContainText('The engine deletes these with the image');
  const items = parents.locator('li');
  await expect(items).toHaveCount(count);
  const listed: string[] = [];
  for (const item of await items.all()) {
    const parent = (await item.getAttribute('data-parent')) ?? '';
    listed.push(parent);
    expect(untagged).toContain(parent);
    await expect(item.locator('.id')).toHaveText(parent.slice(7, 19));
    await expect(item).toContainText('<none>');
    await expect(item.locator('.sr-only')).toHaveText('untagged image');
  }
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'plan-parents');

  await confirmAndWait(dialog);
  const left = await engineImageIds(app.docker);
  expect(left).not.toContain(id);
  for (const parent of listed) expect(left).not.toContain(parent);
});

test('the preview is a modal: focus stays inside, Esc closes it, nothing changes', async ({ app }) => {
  const id = await buildImage(app.docker, { tag: 'modal/x:1', files: { '/x.txt': 'x' } });
  await app.open();

  const dialog = await removeImagesFromList(app.page, ['modal/x']);
  await settledPlan(dialog);
  // Tab round the dialog twice over: focus never lands outside it.
  const focusables = await dialog.locator('button:not([disabled]), input, [tabindex="0"]').count();
  for (let i = 0; i < focusables * 2 + 1; i++) {
    await app.page.keyboard.press('Tab');
    expect(await app.page.evaluate(focusInDialog)).toBe(true);
  }
  await app.page.keyboard.press('Shift+Tab');
  expect(await app.page.evaluate(focusInDialog)).toBe(true);
  await app.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await engineImageIds(app.docker)).toContain(id);
});
