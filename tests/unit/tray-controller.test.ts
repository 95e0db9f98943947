// The tray controller's logic on hand-built inventories with the real planner:
// the quick-prune guard, "…" while the preview runs, debounced recomputes,
// progress, refusals and failures. The live-engine version of the quick prune
// is tests/integration/tray-quick-prune.test.ts.

import type { ReviewScreen } from '../../src-shared/contract';
import type { DiskUsage } from '../../src-shared/model';
import { describe, expect, it, vi } from 'vitest';
import type { EngineHealth, InventorySnapshot } from '../../src-shared/model';
import type { CleanupIntent, ExecutionReport, Plan, PlanProgress, StepOutcome } from '../../src-shared/plan';
import { planCleanup } from '../../src-main/planning/planner';
import { quickPruneProblems } from '../../src-main/tray/quick-prune-guard';
import { PhraseError } from '../../src-shared/phrase-error';
import { phrase } from '../../src-shared/phrase';
import {
  inventoryKey,
  plannedBytesFreed,
  TrayController,
  type TrayControllerDeps,
} from '../../src-main/tray/tray-controller';
import type { TrayMenuModel } from '../../src-main/tray/tray-menu';
import { dockerClassic, inventory, NOW_MS, planningInput, type Inventory } from './support/inventory-builder';

const endpoint = { host: 'unix:///test/docker.sock', label: 'default', source: 'default' as const };
const connected: EngineHealth = { state: 'connected', endpoint, engine: dockerClassic };

const snapshotOf = (inv: Inventory): InventorySnapshot => ({
  images: inv.images,
  containers: inv.containers,
  diskUsage: null,
  takenAt: NOW_MS,
});

/** old-a and old-b: dangling, unused, 1 MB and 2 MB of their own; old-used: dangling, a running container's. */
const mixed = inventory(
  [
    { name: 'old-a', layers: [['a', 1_000_000]] },
    { name: 'old-b', layers: [['b', 2_000_000]] },
    { name: 'old-used', layers: [['u', 4_000_000]] },
    { name: 'app', tags: ['app:latest'], layers: [['p', 8_000_000]] },
  ],
  [{ name: 'web', image: 'old-used', state: 'running' }],
);
const afterPrune = inventory(
  [
    { name: 'old-used', layers: [['u', 4_000_000]] },
    { name: 'app', tags: ['app:latest'], layers: [['p', 8_000_000]] },
  ],
  [{ name: 'web', image: 'old-used', state: 'running' }],
);

const plan = (inv: Inventory, intent: CleanupIntent): Plan => planCleanup(planningInput(inv, intent));

/** A world the controller can watch: health, an inventory that can change, and what it was told. */
function world(start: Inventory, overrides: Partial<TrayControllerDeps> = {}) {
  let current = start;
  const inventoryListeners = new Set<(s: InventorySnapshot) => void>();
  const models: TrayMenuModel[] = [];
  const notes: [string, string][] = [];
  const shown: Plan[] = [];
  const screens: ReviewScreen[] = [];
  const previews: CleanupIntent[] = [];
  let snapshot: InventorySnapshot | null = snapshotOf(current);
  const deps: TrayControllerDeps = {
    session: { health: connected, onHealth: () => () => undefined },
    inventory: {
      get snapshot() {
        return snapshot;
      },
      onChange: (l) => {
        inventoryListeners.add(l);
        return () => inventoryListeners.delete(l);
      },
      refresh: async () => {
        snapshot = snapshotOf(current);
        for (const l of inventoryListeners) l(snapshot);
        return snapshot;
      },
    },
    previewPlan: async (intent) => {
      previews.push(intent);
      return plan(current, intent);
    },
    executePlan: async (p, onProgress) => {
      const outcomes: Record<string, StepOutcome> = {};
      p.steps.forEach((s, i) => {
        outcomes[s.id] = { state: 'done' };
        onProgress({ planId: p.id, stepId: s.id, outcome: { state: 'done' }, done: i + 1, total: p.steps.length });
      });
      current = afterPrune;
      return report(p, outcomes);
    },
    notify: (title, body) => notes.push([title, body]),
    showPlanInWindow: (p) => shown.push(p),
    showScreenInWindow: (screen) => screens.push(screen),
    onModel: (m) => models.push(m),
    locale: () => 'en',
    debounceMs: 5,
    ...overrides,
  };
  return {
    deps,
    models,
    notes,
    shown,
    screens,
    previews,
    setDiskUsage(usage: DiskUsage) {
      snapshot = { ...snapshot!, diskUsage: usage };
    },
    change(next: Inventory) {
      current = next;
    },
  };
}

function report(p: Plan, outcomes: Record<string, StepOutcome>): ExecutionReport {
  return {
    planId: p.id,
    digest: p.digest,
    startedAt: NOW_MS,
    finishedAt: NOW_MS,
    outcomes,
    bytesFreed: 0,
    bytesSource: 'plan',
    finished: Object.values(outcomes).every((o) => o.state === 'done'),
    cancelled: false,
  };
}

const quickPruneItem = (m: TrayMenuModel) => m.items.find((i) => i.id === 'quick-prune')!;

describe('quick prune guard', () => {
  const snap = snapshotOf(mixed);

  it('accepts the planner’s dangling prune: unused dangling images only', () => {
    const p = plan(mixed, { type: 'prune-images', all: false });
    expect(p.steps.map((s) => s.action)).toEqual(['remove-image', 'remove-image']);
    expect(quickPruneProblems(p, snap)).toEqual([]);
  });

  it('refuses a plan that touches a container or a tagged image', () => {
    const withContainers = plan(inventory([{ name: 'old' }], [{ name: 'stopped', image: 'old', state: 'exited' }]), {
      type: 'prune-images',
      all: true,
      withStoppedContainers: true,
    });
    const problems = quickPruneProblems(
      withContainers,
      snapshotOf(inventory([{ name: 'old' }], [{ name: 'stopped', image: 'old' }])),
    );
    expect(problems.map((p) => p.kind)).toEqual(
      expect.arrayContaining(['not-a-dangling-prune', 'step-not-image-removal', 'in-use']),
    );

    const tagged = plan(mixed, { type: 'remove-images', refs: ['app:latest'] });
    expect(quickPruneProblems(tagged, snap).map((p) => p.kind)).toEqual(['not-a-dangling-prune', 'not-dangling']);
  });

  it('refuses when a container started on the image after planning', () => {
    const p = plan(mixed, { type: 'prune-images', all: false });
    const later = inventory(
      [
        { name: 'old-a', layers: [['a', 1_000_000]] },
        { name: 'old-b', layers: [['b', 2_000_000]] },
      ],
      [{ name: 'late', image: 'old-b', state: 'running' }],
    );
    expect(quickPruneProblems(p, snapshotOf(later))).toEqual([
      {
        kind: 'in-use',
        step: p.steps.find((s) => s.target === later.images[1]!.id)!.label,
        containers: [later.containers[0]!.id],
      },
    ]);
  });

  it('refuses a forced removal', () => {
    const p = plan(mixed, { type: 'prune-images', all: false });
    p.steps[0]!.force = true;
    expect(quickPruneProblems(p, snap).map((x) => x.kind)).toEqual(['forced']);
  });
});

describe('tray controller', () => {
  it('shows "…" while the preview runs, then the plan’s bytes', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const w = world(mixed, {
      previewPlan: async (intent) => {
        await gate;
        return plan(mixed, intent);
      },
    });
    const controller = new TrayController(w.deps);
    const settled = controller.settle();
    expect(quickPruneItem(w.models.at(-1)!).label).toBe('Quick prune dangling (frees …)');
    release();
    await settled;
    expect(quickPruneItem(controller.model).label).toBe('Quick prune dangling (frees 3 MB)');
  });

  it('debounces bursts of inventory changes into one preview', async () => {
    const w = world(mixed);
    const controller = new TrayController(w.deps);
    controller.start();
    for (let i = 0; i < 5; i++) await w.deps.inventory.refresh();
    await vi.waitFor(() => expect(w.previews).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 30));
    expect(w.previews).toHaveLength(1);
    controller.stop();
  });

  it('does not preview again when the inventory is the same images and containers', async () => {
    const w = world(mixed);
    const controller = new TrayController(w.deps);
    await controller.settle();
    await w.deps.inventory.refresh();
    await controller.settle();
    expect(w.previews).toHaveLength(1);
    expect(inventoryKey(snapshotOf(mixed))).not.toBe(inventoryKey(snapshotOf(afterPrune)));
  });

  it('quick prune: progress in the tooltip, "Freed X" with the plan’s bytes, then nothing to prune', async () => {
    const w = world(mixed);
    const controller = new TrayController(w.deps);
    await controller.settle();
    await controller.quickPrune();
    expect(w.models.map((m) => m.tooltip)).toEqual(
      expect.arrayContaining(['Barnacle — Pruning… 0/2', 'Barnacle — Pruning… 2/2']),
    );
    expect(w.notes).toEqual([['Barnacle', 'Freed 3 MB']]);
    expect(quickPruneItem(controller.model)).toMatchObject({ label: 'Nothing to prune', enabled: false });
    expect(controller.model.items.find((i) => i.id === 'last-result')?.label).toBe('Last prune freed 3 MB');
  });

  it('says "about" when the plan’s sizes were estimates', async () => {
    const w = world(mixed, {
      previewPlan: async (intent) => ({ ...plan(mixed, intent), exact: false }),
      locale: () => 'zh',
    });
    const controller = new TrayController(w.deps);
    await controller.quickPrune();
    expect(w.notes).toEqual([['Barnacle', '已释放约 3 MB']]);
    expect(controller.model.items.find((i) => i.id === 'last-result')?.label).toBe('上次清理释放了约 3 MB');
  });

  it('refuses to run a plan that is not an unused-dangling prune, and runs nothing', async () => {
    const executePlan = vi.fn();
    const w = world(mixed, {
      previewPlan: async () => plan(mixed, { type: 'prune-images', all: true }),
      executePlan,
    });
    await new TrayController(w.deps).quickPrune();
    expect(executePlan).not.toHaveBeenCalled();
    expect(w.notes[0]![1]).toMatch(
      /^Quick prune refused: the plan is not a dangling-image prune; .*app:latest has a tag/,
    );
  });

  it('refuses in the system language: no English reason in a Chinese notification', async () => {
    const w = world(mixed, {
      previewPlan: async () => plan(mixed, { type: 'prune-images', all: true }),
      executePlan: vi.fn(),
      locale: () => 'zh',
    });
    await new TrayController(w.deps).quickPrune();
    const text = w.notes[0]![1];
    expect(text).toMatch(/^已拒绝快速清理：该计划不是悬空镜像清理；.*app:latest 带有标签/);
    // Only the image labels are left in Latin letters.
    expect(text.replace(/\S*:\S*|sha256\S*|[0-9a-f]{12}/g, ' ')).not.toMatch(/[A-Za-z]{3,}[ ,;.-]+[A-Za-z]{3,}/);
  });

  it("says main's own failures in the system language: no engine, in Chinese", async () => {
    const w = world(mixed, {
      previewPlan: () => Promise.reject(new PhraseError(phrase('request.notConnected'))),
      locale: () => 'zh',
    });
    await new TrayController(w.deps).quickPrune();
    expect(w.notes).toEqual([['Barnacle', '无法生成清理计划：尚未连接到引擎。']]);
  });

  it('counts only the steps that finished when some fail', async () => {
    const w = world(mixed, {
      executePlan: async (p, onProgress: (progress: PlanProgress) => void) => {
        const [first, second] = p.steps;
        onProgress({ planId: p.id, stepId: first!.id, outcome: { state: 'done' }, done: 1, total: 2 });
        return report(p, {
          [first!.id]: { state: 'done' },
          [second!.id]: { state: 'conflict', kind: 'running-container', message: 'in use' },
        });
      },
    });
    await new TrayController(w.deps).quickPrune();
    const p = plan(mixed, { type: 'prune-images', all: false });
    expect(w.notes).toEqual([['Barnacle', `Freed ${p.steps[0]!.bytes / 1_000_000} MB; 1 image could not be removed`]]);
  });

  it('"Prune unused older than 24 h…" plans and hands the plan to the window, running nothing', async () => {
    const executePlan = vi.fn();
    const w = world(mixed, { executePlan });
    await new TrayController(w.deps).pruneOlderThanDay();
    expect(w.shown).toHaveLength(1);
    expect(w.shown[0]!.intent).toEqual({ type: 'prune-images', all: true, until: '24h' });
    expect(executePlan).not.toHaveBeenCalled();
  });

  it('says when planning failed', async () => {
    const w = world(mixed, {
      previewPlan: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    });
    await new TrayController(w.deps).quickPrune();
    expect(w.notes).toEqual([['Barnacle', 'Could not plan the prune: connect ECONNREFUSED']]);
  });

  it('plannedBytesFreed: the plan’s figure when all finished', () => {
    const p = plan(mixed, { type: 'prune-images', all: false });
    const all = Object.fromEntries(p.steps.map((s) => [s.id, { state: 'done' } as StepOutcome]));
    expect(plannedBytesFreed(p, report(p, all))).toBe(3_000_000);
    expect(p.bytesFreed).toBe(3_000_000);
  });
});

describe('the largest reclaimable part besides images', () => {
  const entry = (reclaimable: number) => ({ total: reclaimable * 2, reclaimable, count: 3, active: 1 });
  const usage = (volumes: number, containers: number, buildCache: number): DiskUsage => ({
    images: entry(50_000_000),
    containers: entry(containers),
    volumes: entry(volumes),
    buildCache: entry(buildCache),
    fetchedAt: NOW_MS,
    tookMs: 5,
  });
  const reviewItem = (m: TrayMenuModel) => m.items.find((i) => i.id === 'review-largest');

  it('names the largest of volumes, stopped containers and build cache, and opens its screen', async () => {
    const w = world(mixed);
    const controller = new TrayController(w.deps);
    expect(reviewItem(await controller.settle())).toBeUndefined(); // no disk usage read yet
    w.setDiskUsage(usage(3_000_000, 2_000_000, 8_200_000_000));
    expect(reviewItem(await controller.settle())).toMatchObject({
      kind: 'action',
      label: 'Build cache unused: 8.2 GB — Review…',
      enabled: true,
    });
    controller.reviewLargest();
    w.setDiskUsage(usage(1_200_000_000, 2_000_000, 0));
    expect(reviewItem(await controller.settle())?.label).toBe('Volumes not mounted: 1.2 GB — Review…');
    controller.reviewLargest();
    w.setDiskUsage(usage(0, 300_000_000, 10));
    expect(reviewItem(await controller.settle())?.label).toBe('Stopped containers: 300 MB — Review…');
    controller.reviewLargest();
    expect(w.screens).toEqual(['build-cache', 'volumes', 'containers']);
    // Nothing was planned or shown as a plan: the review line only opens a screen.
    expect(w.shown).toEqual([]);
  });

  it('leaves the line out when no part is worth it (under 1 MiB)', async () => {
    const w = world(mixed);
    w.setDiskUsage(usage(1000, 2000, 3000));
    const controller = new TrayController(w.deps);
    expect(reviewItem(await controller.settle())).toBeUndefined();
    controller.reviewLargest();
    expect(w.screens).toEqual([]);
  });
});
