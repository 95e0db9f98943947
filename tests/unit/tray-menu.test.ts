// The tray menu model in each state a user meets: no engine, nothing to
// prune, dangling images (size still being computed, then known), a prune
// running, after a prune, and in Chinese.

import { describe, expect, it } from 'vitest';
import type { EngineHealth, InventorySnapshot } from '../../src-shared/model';
import { trayMenuModel, type TrayMenuItem, type TrayMenuModel, type TrayState } from '../../src-main/tray/tray-menu';
import { trayLocaleFor } from '../../src-main/tray/tray-labels';
import { menuTemplate } from '../../src-main/tray/menu-template';
import { dockerClassic, inventory, NOW_MS } from './support/inventory-builder';

const endpoint = { host: 'unix:///var/run/docker.sock', label: 'default', source: 'default' as const };
const connected: EngineHealth = { state: 'connected', endpoint, engine: dockerClassic };
const notRunning: EngineHealth = { state: 'not-running', endpoint, message: 'Docker is not running.' };

function snapshot(inv: ReturnType<typeof inventory>): InventorySnapshot {
  return { images: inv.images, containers: inv.containers, diskUsage: null, takenAt: NOW_MS };
}

/** Two dangling images nobody uses, one dangling image a running container uses, one tagged. */
const withDangling = snapshot(
  inventory(
    [{ name: 'old-a' }, { name: 'old-b' }, { name: 'old-used' }, { name: 'app', tags: ['app:latest'] }],
    [{ name: 'web', image: 'old-used', state: 'running' }],
  ),
);
const clean = snapshot(inventory([{ name: 'app', tags: ['app:latest'] }]));

function state(overrides: Partial<TrayState>): TrayState {
  return {
    health: connected,
    inventory: withDangling,
    danglingPlan: { images: 2, bytesFreed: 123_400_000, exact: true },
    pruning: null,
    lastResult: null,
    locale: 'en',
    ...overrides,
  };
}

const item = (model: TrayMenuModel, id: string): TrayMenuItem => {
  const found = model.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id} in ${model.items.map((i) => i.id).join(', ')}`);
  return found;
};
const labels = (model: TrayMenuModel) => model.items.map((i) => (i.kind === 'separator' ? '---' : i.label));

describe('tray menu model', () => {
  it('without an engine: says why, offers no prune, still opens and quits', () => {
    const model = trayMenuModel(state({ health: notRunning, inventory: null, danglingPlan: null }));
    expect(labels(model)).toEqual([
      'default: engine not running',
      '---',
      'Quick prune dangling',
      'Prune unused older than 24 h…',
      '---',
      'Open Barnacle',
      '---',
      'Quit Barnacle',
    ]);
    expect(item(model, 'quick-prune').enabled).toBe(false);
    expect(item(model, 'prune-old').enabled).toBe(false);
    expect(item(model, 'open').enabled).toBe(true);
    expect(item(model, 'quit').enabled).toBe(true);
    expect(model.tooltip).toBe('Barnacle — default: engine not running');
  });

  it('connected, images not read yet: says so', () => {
    const model = trayMenuModel(state({ inventory: null, danglingPlan: null }));
    expect(item(model, 'engine').label).toBe('Docker 20.10.24 · running');
    expect(item(model, 'dangling').label).toBe('Reading images…');
    expect(item(model, 'quick-prune').enabled).toBe(false);
  });

  it('nothing to prune: quick prune is disabled and says so', () => {
    const model = trayMenuModel(state({ inventory: clean, danglingPlan: { images: 0, bytesFreed: 0, exact: true } }));
    expect(item(model, 'dangling').label).toBe('Dangling: 0 images, 0 B');
    expect(item(model, 'quick-prune')).toMatchObject({ label: 'Nothing to prune', enabled: false });
    expect(item(model, 'prune-old').enabled).toBe(true);
    expect(model.tooltip).toBe('Barnacle — nothing to prune');
  });

  it('a dangling image that a container uses is not something to prune', () => {
    const onlyUsed = snapshot(inventory([{ name: 'old-used' }], [{ name: 'web', image: 'old-used', state: 'exited' }]));
    const model = trayMenuModel(state({ inventory: onlyUsed, danglingPlan: null }));
    expect(item(model, 'quick-prune')).toMatchObject({ label: 'Nothing to prune', enabled: false });
    expect(item(model, 'dangling-in-use').label).toBe('Kept: 1 in use by containers');
  });

  it('dangling images, size still computing: "…" until the plan answers', () => {
    const model = trayMenuModel(state({ danglingPlan: null }));
    expect(item(model, 'dangling').label).toBe('Dangling: 2 images, …');
    expect(item(model, 'quick-prune')).toMatchObject({ label: 'Quick prune dangling (frees …)', enabled: true });
    expect(model.tooltip).toBe('Barnacle — 2 dangling images, …');
  });

  it('dangling images with the plan known: its exact bytes, the used one kept', () => {
    const model = trayMenuModel(state({}));
    expect(labels(model)).toEqual([
      'Docker 20.10.24 · running',
      'Dangling: 2 images, 123 MB',
      'Kept: 1 in use by containers',
      '---',
      'Quick prune dangling (frees 123 MB)',
      'Prune unused older than 24 h…',
      '---',
      'Open Barnacle',
      '---',
      'Quit Barnacle',
    ]);
    expect(item(model, 'quick-prune')).toMatchObject({ kind: 'action', enabled: true });
    expect(item(model, 'dangling')).toMatchObject({ kind: 'status', enabled: false });
    expect(model.tooltip).toBe('Barnacle — 2 dangling images, 123 MB');
  });

  it('says "about" when the plan could not size every layer', () => {
    const model = trayMenuModel(state({ danglingPlan: { images: 2, bytesFreed: 5_000_000, exact: false } }));
    expect(item(model, 'quick-prune').label).toBe('Quick prune dangling (frees about 5 MB)');
  });

  it('the plan’s count wins: an image others are built on is not counted', () => {
    const model = trayMenuModel(state({ danglingPlan: { images: 1, bytesFreed: 1000, exact: true } }));
    expect(item(model, 'dangling').label).toBe('Dangling: 1 image, 1 kB');
  });

  it('while pruning: progress in the menu and the tooltip, nothing else to start', () => {
    const model = trayMenuModel(state({ pruning: { done: 3, total: 7 } }));
    expect(item(model, 'quick-prune')).toMatchObject({ label: 'Pruning… 3/7', enabled: false });
    expect(item(model, 'prune-old').enabled).toBe(false);
    expect(model.tooltip).toBe('Barnacle — Pruning… 3/7');
  });

  it('after a prune: what it freed, and back to nothing to prune', () => {
    const model = trayMenuModel(
      state({
        inventory: clean,
        danglingPlan: { images: 0, bytesFreed: 0, exact: true },
        lastResult: { bytesFreed: 2_500_000_000 },
      }),
    );
    expect(item(model, 'quick-prune')).toMatchObject({ label: 'Nothing to prune', enabled: false });
    expect(item(model, 'last-result')).toMatchObject({ kind: 'status', label: 'Last prune freed 2.5 GB' });
  });

  it('settings show as check items; start at login only where the platform has it', () => {
    const withLogin = trayMenuModel(state({ settings: { keepInTray: true, startAtLogin: false } }));
    expect(item(withLogin, 'keep-in-tray')).toMatchObject({
      kind: 'toggle',
      checked: true,
      label: 'Keep running in the tray',
    });
    expect(item(withLogin, 'start-at-login')).toMatchObject({
      kind: 'toggle',
      checked: false,
      label: 'Start at login',
    });
    const linux = trayMenuModel(state({ settings: { keepInTray: false, startAtLogin: null } }));
    expect(item(linux, 'keep-in-tray')).toMatchObject({ checked: false });
    expect(linux.items.some((i) => i.id === 'start-at-login')).toBe(false);
  });

  it('in Chinese', () => {
    const model = trayMenuModel(state({ locale: 'zh', lastResult: { bytesFreed: 1_500_000 } }));
    expect(labels(model)).toEqual([
      'Docker 20.10.24 · 运行中',
      '悬空镜像：2 个，123 MB',
      '保留：1 个被容器使用',
      '---',
      '快速清理悬空镜像（释放 123 MB）',
      '上次清理释放了 1.5 MB',
      '清理 24 小时前未使用的镜像…',
      '---',
      '打开 Barnacle',
      '---',
      '退出 Barnacle',
    ]);
    expect(trayMenuModel(state({ locale: 'zh', pruning: { done: 1, total: 4 } })).tooltip).toBe(
      'Barnacle — 正在清理… 1/4',
    );
    expect(trayMenuModel(state({ locale: 'zh', inventory: clean, danglingPlan: null })).items[3]).toMatchObject({
      label: '没有可清理的镜像',
    });
  });

  it('is plain data: survives structured cloning unchanged', () => {
    const model = trayMenuModel(state({ settings: { keepInTray: true, startAtLogin: true } }));
    expect(structuredClone(model)).toEqual(model);
  });

  it('picks Chinese from the system languages only when it comes first', () => {
    expect(trayLocaleFor(['zh-Hans-CN', 'en-US'])).toBe('zh');
    expect(trayLocaleFor(['en-GB', 'zh-CN'])).toBe('en');
    expect(trayLocaleFor([])).toBe('en');
  });
});

describe('native menu template', () => {
  it('status lines are disabled text, actions and toggles click through with their id', () => {
    const clicked: string[] = [];
    const model = trayMenuModel(state({ settings: { keepInTray: true, startAtLogin: false } }));
    const template = menuTemplate(model, (id) => clicked.push(id));
    expect(template.map((i) => [i.id, i.type, i.enabled ?? null, i.checked ?? null])).toEqual([
      ['engine', 'normal', false, null],
      ['dangling', 'normal', false, null],
      ['dangling-in-use', 'normal', false, null],
      ['sep-prune', 'separator', null, null],
      ['quick-prune', 'normal', true, null],
      ['prune-old', 'normal', true, null],
      ['sep-app', 'separator', null, null],
      ['open', 'normal', true, null],
      ['keep-in-tray', 'checkbox', true, true],
      ['start-at-login', 'checkbox', true, false],
      ['sep-quit', 'separator', null, null],
      ['quit', 'normal', true, null],
    ]);
    expect(template.find((i) => i.id === 'engine')!.click).toBeUndefined();
    for (const item of template) item.click?.();
    expect(clicked).toEqual(['quick-prune', 'prune-old', 'open', 'keep-in-tray', 'start-at-login', 'quit']);
  });
});
