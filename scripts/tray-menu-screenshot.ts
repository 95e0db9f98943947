// Renders the tray menu model as a native-looking menu (light theme) in
// Debian's Chromium and saves docs/tray-menu.png for the README. The labels
// are the real model's (trayMenuModel), so the picture follows the code.
//
//   npx tsx scripts/tray-menu-screenshot.ts

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { EngineHealth, ImageSummary, InventorySnapshot } from '../src-shared/model';
import { trayMenuModel, type TrayMenuModel, type TrayState } from '../src-main/tray/tray-menu';

const root = join(import.meta.dirname, '..');

const image = (n: number, dangling: boolean, inUse = false): ImageSummary => ({
  id: `sha256:${String(n).padStart(64, '0')}`,
  tags: dangling ? [] : [`app:${n}`],
  digests: [],
  pullBack: { state: 'local', evidence: 'no-repo-digest' },
  created: 0,
  size: 0,
  parent: null,
  children: [],
  dangling,
  unused: !inUse,
  labels: {},
  containers: inUse ? [{ id: 'c1', name: 'web', state: 'running' }] : [],
});

const inventory: InventorySnapshot = {
  images: [
    image(1, true),
    image(2, true),
    image(3, true),
    image(4, true),
    image(5, true),
    image(6, true, true),
    image(7, false),
  ],
  containers: [],
  diskUsage: null,
  takenAt: 0,
};
const health: EngineHealth = {
  state: 'connected',
  endpoint: { host: 'unix:///var/run/docker.sock', label: 'default', source: 'default' },
  engine: {
    kind: 'docker',
    version: '27.3.1',
    apiVersion: '1.47',
    pinnedApiVersion: '1.47',
    imageStore: 'classic',
    os: 'linux',
    arch: 'amd64',
    name: 'laptop',
  },
};
const state = (locale: TrayState['locale']): TrayState => ({
  health,
  inventory,
  danglingPlan: { images: 5, bytesFreed: 1_243_000_000, exact: true },
  pruning: null,
  lastResult: { bytesFreed: 312_000_000 },
  locale,
  settings: { keepInTray: true, startAtLogin: false },
  // A weekly policy that last ran two hours ago and runs again in three.
  policies: {
    now: 0,
    statuses: [
      {
        policy: { name: 'weekly', enabled: true, schedule: 'weekly', mode: 'apply', rules: { unusedFor: '720h' } },
        lastRun: { at: -2 * 3_600_000, outcome: 'applied', bytes: 1_200_000_000, images: 4 },
        nextRun: 3 * 3_600_000,
      },
    ],
  },
});

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The quick prune is drawn highlighted, as if the pointer were on it. */
function menuHtml(model: TrayMenuModel): string {
  const rows = model.items.map((item) => {
    if (item.kind === 'separator') return '<div class="sep"></div>';
    const check = item.kind === 'toggle' && item.checked ? '✓' : '';
    const hover = item.id === 'quick-prune' && item.enabled ? ' hover' : '';
    const cls = (item.kind === 'status' ? 'status' : item.enabled ? 'action' : 'disabled') + hover;
    return `<div class="item ${cls}"><span class="check">${check}</span>${escape(item.label)}</div>`;
  });
  return `<div class="menu">${rows.join('')}</div>`;
}

function pageHtml(panels: { title: string; model: TrayMenuModel }[]): string {
  const icon = `data:image/png;base64,${readFileSync(join(root, 'build/tray/trayTemplate@2x.png')).toString('base64')}`;
  const columns = panels.map(
    ({ title, model }) => `
      <section>
        <div class="bar"><img src="${icon}" width="16" height="16" alt=""></div>
        ${menuHtml(model)}
        <p class="caption">${escape(title)} · tooltip: “${escape(model.tooltip)}”</p>
      </section>`,
  );
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; padding: 20px; background: #e9edf2; display: inline-flex; gap: 28px;
           font: 13px system-ui, "Liberation Sans", "Noto Sans CJK SC", sans-serif; color: #1d1d1f; }
    section { display: flex; flex-direction: column; align-items: flex-end; }
    .bar { align-self: stretch; height: 24px; background: rgba(255,255,255,.82); border-radius: 6px;
           display: flex; justify-content: flex-end; align-items: center; padding: 0 12px; margin-bottom: 4px; }
    .bar img { padding: 2px 5px; border-radius: 4px; background: rgba(0,0,0,.1); }
    .menu { min-width: 300px; background: #f6f6f6; border: 1px solid rgba(0,0,0,.14); border-radius: 8px;
            box-shadow: 0 8px 24px rgba(0,0,0,.18); padding: 5px; }
    .item { height: 22px; line-height: 22px; padding: 0 14px 0 4px; border-radius: 4px; white-space: nowrap; }
    .check { display: inline-block; width: 18px; text-align: center; }
    .item.hover { background: #2f6fed; color: #fff; }
    .status, .disabled { color: #8a8a8e; }
    .sep { height: 1px; background: rgba(0,0,0,.1); margin: 5px 10px; }
    .caption { margin: 10px 0 0; color: #55595f; font-size: 12px; align-self: flex-start; }
  </style></head><body>${columns.join('')}</body></html>`;
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 400 }, deviceScaleFactor: 2 });
    await page.setContent(
      pageHtml([
        { title: 'English', model: trayMenuModel(state('en')) },
        { title: '中文', model: trayMenuModel(state('zh')) },
      ]),
    );
    const out = join(root, 'docs/tray-menu.png');
    await page.locator('body').screenshot({ path: out });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
  }
}

await main();
