// The renderer with 5,000 images, in Chromium: first render of the images
// screen, switching to it, filter keystroke latency, scrolling frame times,
// and the gzipped bundle. It measures RENDERING only: window.barnacle answers
// from a generated inventory inside the page (no IPC, no engine), so the
// numbers are the renderer's own cost. Engine-side figures are in
// bench/inventory.bench.ts.
//
// Run: npx electron-vite build && npx tsx bench/renderer-5000.bench.ts
// Writes bench/results/renderer.json.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { buildSync } from 'esbuild';
import { serveRenderer } from '../tests/browser/support/static-server';
import { machineInfo, summarize, writeResults } from './lib/measure';

const IMAGES = Number(process.env.BENCH_IMAGES ?? 5000);
const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 400);
const LOADS = 7;

/** In-page: builds window.barnacle (the real bridge builder) over a generated inventory. */
function fakeBridgeScript(): string {
  return buildSync({
    stdin: {
      contents: `
        import { buildBarnacleApi } from './src-shared/bridge';
        const IMAGES = ${IMAGES}, CONTAINERS = ${CONTAINERS};
        const now = Date.now();
        // Deterministic IDs that look like real ones (distinct short IDs).
        const hex = (n, salt) => {
          let x = ((n + 1) * 2654435761 + salt.charCodeAt(0)) >>> 0, h = '';
          while (h.length < 64) { x = (Math.imul(x, 1103515245) + 12345) >>> 0; h += x.toString(16).padStart(8, '0'); }
          return h.slice(0, 64);
        };
        const states = ['running', 'exited', 'created', 'paused'];
        const containers = Array.from({ length: CONTAINERS }, (_, i) => ({
          id: hex(i, 'c'), names: ['svc-' + i], imageId: 'sha256:' + hex(i % IMAGES, 'a'), imageRef: 'bench/img-' + (i % IMAGES) + ':v1',
          state: states[i % 4], status: 'Up', created: Math.floor(now / 1000) - i * 600, composeProject: i % 3 ? 'proj-' + (i % 7) : null,
          labels: {}, mounts: [], sizeRw: null,
        }));
        const images = Array.from({ length: IMAGES }, (_, i) => {
          const dangling = i % 10 === 9;
          const tags = dangling ? [] : i % 4 === 0 ? ['bench/img-' + i + ':v1', 'bench/img-' + i + ':latest'] : ['bench/img-' + i + ':v1'];
          const users = containers.filter((c) => c.imageId === 'sha256:' + hex(i, 'a'));
          return {
            id: 'sha256:' + hex(i, 'a'), tags, digests: i % 3 ? [] : ['bench/img-' + i + '@sha256:' + hex(i, 'd')],
            created: Math.floor(now / 1000) - i * 3600, size: 5e6 + ((i * 7919) % 9e8), parent: null, children: [],
            dangling, unused: users.length === 0, labels: { n: String(i) },
            containers: users.map((c) => ({ id: c.id, name: c.names[0], state: c.state })),
          };
        });
        const entry = (t, r, c, a) => ({ total: t, reclaimable: r, count: c, active: a });
        const diskUsage = { images: entry(2e11, 8e10, IMAGES, 400), containers: entry(3e9, 1e9, CONTAINERS, 200),
          volumes: entry(5e10, 1e10, 40, 30), buildCache: entry(2e10, 2e10, 300, 0), fetchedAt: now, tookMs: 1500 };
        const endpoint = { host: 'unix:///var/run/docker.sock', label: 'bench', source: 'default' };
        const health = { state: 'connected', endpoint, engine: { kind: 'docker', version: '27.0.0', apiVersion: '1.46',
          pinnedApiVersion: '1.46', imageStore: 'classic', os: 'linux', arch: 'amd64', name: 'bench' } };
        const answers = {
          inventory: () => ({ images, containers, diskUsage, takenAt: now }),
          engineHealth: () => health, listEndpoints: () => [endpoint], diskUsage: () => diskUsage, history: () => [],
        };
        window.__benchInventoryCalls = [];
        window.barnacle = buildBarnacleApi({
          invoke: async (channel) => {
            const answer = answers[channel];
            if (channel === 'inventory') window.__benchInventoryCalls.push(performance.now());
            return answer ? { ok: true, value: answer() } : { ok: false, error: { kind: 'validation', message: 'not in the bench' } };
          },
          subscribe: () => () => {},
        });
        // Generating the data above is the bench's own cost: timings start from here.
        window.__benchReady = performance.now();
        // When the first image row exists: the images screen has rendered its data.
        window.__benchFirstRow = null;
        new MutationObserver((_, observer) => {
          if (document.querySelector('[role=grid] [role=row][aria-rowindex="2"]')) {
            window.__benchFirstRow = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });`,
      resolveDir: process.cwd(),
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
  }).outputFiles[0]!.text;
}

const nextPaint = (page: Page) =>
  page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now())))));

const server = await serveRenderer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: fakeBridgeScript() });
  // tsx compiles this file with keepNames: functions passed to page.evaluate call __name().
  await context.addInitScript({ content: 'window.__name = (f) => f;' });

  // 1. A cold load straight onto the images screen: from the bridge being ready (the app's
  //    bundle then loads, mounts, asks for the inventory) to the first rows painted; and from
  //    the inventory answer to the first row in the DOM.
  const firstRender: number[] = [];
  const fromData: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await context.newPage();
    await page.goto(`${server.url}#/images`);
    await page.waitForFunction(
      () => (window as unknown as { __benchFirstRow: number | null }).__benchFirstRow !== null,
    );
    const painted = await nextPaint(page);
    const { first, dataAt, ready } = await page.evaluate(() => {
      const w = window as unknown as { __benchFirstRow: number; __benchInventoryCalls: number[]; __benchReady: number };
      return { first: w.__benchFirstRow, dataAt: w.__benchInventoryCalls[0]!, ready: w.__benchReady };
    });
    firstRender.push(painted - ready);
    fromData.push(first - dataAt);
    await page.close();
  }
  const page = await context.newPage();
  await page.goto(`${server.url}#/overview`);
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  const rowCount = Number(
    await page.evaluate(async () => {
      location.hash = '/images';
      await new Promise((r) => setTimeout(r, 300));
      return document.querySelector('[role=grid]')?.getAttribute('aria-rowcount');
    }),
  );

  // 2. Switching screens: Overview → Images until the grid's rows are painted.
  const switches: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    await page.evaluate(() => (location.hash = '/overview'));
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    switches.push(
      await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const started = performance.now();
            location.hash = '/images';
            const check = () => {
              if (document.querySelector('[role=grid] [role=row][aria-rowindex="2"]'))
                requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started)));
              else requestAnimationFrame(check);
            };
            check();
          }),
      ),
    );
  }

  // 3. Filter keystrokes: keydown → next paint, typing and deleting a query over 5,000 rows.
  await page.evaluate(() => {
    const w = window as unknown as { __keySamples: number[] };
    w.__keySamples = [];
    document.addEventListener(
      'keydown',
      (e) => requestAnimationFrame(() => setTimeout(() => w.__keySamples.push(performance.now() - e.timeStamp))),
      { capture: true },
    );
  });
  const search = page.getByRole('searchbox');
  for (const query of ['img-12', 'latest', 'svc-3', 'bench 4']) {
    await search.click();
    await page.keyboard.type(query, { delay: 120 });
    for (let i = 0; i < query.length; i++) await page.keyboard.press('Backspace', { delay: 120 });
  }
  await page.waitForTimeout(300);
  const keys = await page.evaluate(() => (window as unknown as { __keySamples: number[] }).__keySamples);

  // 4. Scrolling the whole list: frame-to-frame times while it moves 180 px per frame.
  const frames = await page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const viewport = document.querySelector('[role=grid] .viewport') as HTMLElement;
        const times: number[] = [];
        let last = performance.now();
        const step = () => {
          const now = performance.now();
          times.push(now - last);
          last = now;
          viewport.scrollTop += 180;
          if (times.length < 240 && viewport.scrollTop + viewport.clientHeight < viewport.scrollHeight)
            requestAnimationFrame(step);
          else resolve(times.slice(1));
        };
        requestAnimationFrame(step);
      }),
  );
  const frameSummary = summarize('scroll: frame time while scrolling 180 px per frame', frames);
  const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

  const assets = readdirSync('out/renderer/assets');
  const bundle = Object.fromEntries(
    assets.map((f) => {
      const body = readFileSync(join('out/renderer/assets', f));
      return [f.replace(/-[\w-]{8}\./, '.'), { bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length }];
    }),
  );
  const results = {
    measures: 'renderer rendering only: window.barnacle answers in-page from a generated inventory (no IPC, no engine)',
    browser: `Chromium ${browser.version()}`,
    images: IMAGES,
    containers: CONTAINERS,
    gridRows: rowCount - 1,
    machine: machineInfo(),
    measurements: [
      summarize('cold load of #/images: app bundle start → first rows painted', firstRender),
      summarize('cold load: inventory answered → first row in the DOM', fromData),
      summarize('switch Overview → Images: rows painted', switches),
      { ...summarize('filter keystroke: keydown → next paint', keys), p95Ms: Math.round(p95(keys) * 100) / 100 },
      {
        ...frameSummary,
        p95Ms: Math.round(p95(frames) * 100) / 100,
        framesOver33Ms: frames.filter((f) => f > 33.4).length,
      },
    ],
    bundle,
    bundleGzipTotalBytes: Object.values(bundle).reduce((s, b) => s + b.gzipBytes, 0),
  };
  for (const m of results.measurements)
    console.log(`${m.name}: median ${m.medianMs} ms (min ${m.minMs}, max ${m.maxMs})`);
  console.log(`bundle (gzip): ${JSON.stringify(bundle)}`);
  writeResults('bench/results/renderer.json', results);
} finally {
  await browser.close();
  await server.close();
}
