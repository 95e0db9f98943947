// The tray's quick prune on live Docker and Podman, through the same core the
// app runs (BarnacleCore, its plan runner and executor, wired by trayPortsFor):
// it removes exactly the dangling images no container uses, keeps the dangling
// images that a running or a stopped container uses, says "Freed X" with the
// plan's bytes ("about X" where the plan's sizes are estimates, as on Podman)
// and what the trash kept of them first (the default: they cannot be pulled
// back), with Undo, and the menu goes back to "Nothing to prune".

import { listTrash, trashDirIn } from '../../src-main/trash/trash-store';
import { DEFAULT_TRASH_SETTINGS } from '../../src-shared/trash';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatBytes } from '../../src-shared/format';
import type { Plan } from '../../src-shared/plan';
import { BarnacleCore } from '../../src-main/core/barnacle-core';
import { trayPortsFor } from '../../src-main/tray/core-ports';
import { TrayController } from '../../src-main/tray/tray-controller';
import type { TrayMenuModel } from '../../src-main/tray/tray-menu';
import { buildImage, resetEngine, runContainer } from '../engines/harness';
import { describeEachEngine } from '../engines/use-engines';

const itemLabel = (model: TrayMenuModel, id: string) => model.items.find((i) => i.id === id)?.label;

describeEachEngine('tray quick prune', (engine) => {
  const { docker } = engine;
  const ids: Record<string, string> = {};
  const containers: Record<string, string> = {};
  let core: BarnacleCore;
  let dataDir: string;

  /** Builds `tag` twice with different content: the first image is left dangling. Returns its id. */
  async function danglingImage(tag: string): Promise<string> {
    const old = await buildImage(docker, { tag, files: { '/version.txt': `${tag} old` } });
    ids[`${tag} (new)`] = await buildImage(docker, { tag, files: { '/version.txt': `${tag} new` } });
    return old;
  }

  beforeAll(async () => {
    await resetEngine(docker);
    ids.unusedA = await danglingImage('tray/a:1');
    ids.unusedB = await danglingImage('tray/b:1');
    // Containers first, then the rebuild: they keep running on an image that has lost its tag.
    const usedByRunning = await buildImage(docker, { tag: 'tray/web:1', files: { '/version.txt': 'web old' } });
    containers.running = await runContainer(docker, usedByRunning, { name: 'tray-web', running: true });
    const usedByStopped = await buildImage(docker, { tag: 'tray/job:1', files: { '/version.txt': 'job old' } });
    containers.stopped = await runContainer(docker, usedByStopped, { name: 'tray-job', running: false });
    ids.usedByRunning = usedByRunning;
    ids.usedByStopped = usedByStopped;
    ids.webNew = await buildImage(docker, { tag: 'tray/web:1', files: { '/version.txt': 'web new' } });
    ids.jobNew = await buildImage(docker, { tag: 'tray/job:1', files: { '/version.txt': 'job new' } });

    dataDir = mkdtempSync(join(tmpdir(), 'barnacle-tray-'));
    core = new BarnacleCore(
      { host: engine.host, label: engine.kind, source: 'env-docker-host' },
      { live: false, dataDir },
    );
    expect((await core.start()).state).toBe('connected');
    await core.inventory.refresh();
  });
  afterAll(() => {
    core?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('fixtures: four dangling images, two of them used by containers', async () => {
    const images = (await core.inventory.refresh()).images;
    const dangling = images.filter((i) => i.dangling);
    expect(dangling.map((i) => i.id).sort()).toEqual(
      [ids.unusedA, ids.unusedB, ids.usedByRunning, ids.usedByStopped].sort(),
    );
    expect(
      dangling
        .filter((i) => i.unused)
        .map((i) => i.id)
        .sort(),
    ).toEqual([ids.unusedA, ids.unusedB].sort());
  });

  it('removes exactly the unused dangling images, says "Freed X" with the plan’s bytes, then has nothing to prune', async () => {
    const notes: [string, string, string | null][] = [];
    const ran: Plan[] = [];
    const tooltips: string[] = [];
    const ports = trayPortsFor(core);
    const controller = new TrayController({
      ...ports,
      previewPlan: async (intent) => {
        const plan = await ports.previewPlan(intent);
        ran.push(plan);
        return plan;
      },
      notify: (title, body, action) => notes.push([title, body, action?.label ?? null]),
      showScreenInWindow: () => {
        throw new Error('the quick prune must not open the window');
      },
      showPlanInWindow: () => {
        throw new Error('the quick prune must not open the window');
      },
      onModel: (m) => tooltips.push(m.tooltip),
      locale: () => 'en',
      debounceMs: 10,
    });

    const before = await controller.settle();
    expect(itemLabel(before, 'dangling')).toMatch(/^Dangling: 2 images, \d/);
    expect(itemLabel(before, 'dangling-in-use')).toBe('Kept: 2 in use by containers');
    const estimate = itemLabel(before, 'quick-prune');
    expect(estimate).toMatch(/^Quick prune dangling \(frees (about )?\d/);

    await controller.quickPrune();

    expect(ran).toHaveLength(1);
    const plan = ran[0]!;
    // Dangling images cannot be pulled back: by default the trash keeps them first, in one
    // archive (they share the base layer), and then they go.
    expect(plan.steps.map((s) => s.action)).toEqual(['keep-copy', 'remove-image', 'remove-image']);
    expect(plan.steps[0]!.copy!.images.map((i) => i.id).sort()).toEqual([ids.unusedA, ids.unusedB].sort());
    expect(
      plan.steps
        .filter((s) => s.action === 'remove-image')
        .map((s) => s.target)
        .sort(),
    ).toEqual([ids.unusedA, ids.unusedB].sort());
    expect(plan.bytesFreed).toBeGreaterThan(0);
    // Docker's classic store reports layer sizes as bytes on disk; Podman's and the containerd
    // store's are estimates, and the tray says "about".
    expect(plan.exact).toBe(engine.store === 'classic');
    const about = plan.exact ? '' : 'about ';
    // The menu promised what the plan then freed.
    expect(estimate).toBe(`Quick prune dangling (frees ${about}${formatBytes(plan.bytesFreed)})`);
    const kept = (await listTrash(trashDirIn(dataDir), DEFAULT_TRASH_SETTINGS)).entries;
    expect(kept.map((e) => e.images.length)).toEqual([2]);
    expect(notes).toEqual([
      [
        'Barnacle',
        `Freed ${about}${formatBytes(plan.bytesFreed)}; 2 images kept in the trash (${formatBytes(kept[0]!.fileBytes)})`,
        'Undo…',
      ],
    ]);
    expect(tooltips).toContain(`Barnacle — Pruning… 0/3`);

    // On the engine: the unused dangling images are gone, everything used is still there.
    const listed = new Set((await docker.listImages({ all: true })).map((i) => i.Id));
    expect(listed.has(ids.unusedA!)).toBe(false);
    expect(listed.has(ids.unusedB!)).toBe(false);
    for (const kept of ['usedByRunning', 'usedByStopped', 'webNew', 'jobNew', 'tray/a:1 (new)', 'tray/b:1 (new)']) {
      expect(listed.has(ids[kept]!), kept).toBe(true);
    }
    expect((await docker.getContainer(containers.running!).inspect()).State.Running).toBe(true);
    expect((await docker.getContainer(containers.stopped!).inspect()).State.Status).toBe('exited');

    const after = controller.model;
    expect(after.items.find((i) => i.id === 'quick-prune')).toMatchObject({
      label: 'Nothing to prune',
      enabled: false,
    });
    expect(itemLabel(after, 'last-result')).toBe(`Last prune freed ${about}${formatBytes(plan.bytesFreed)}`);
    expect(after.tooltip).toBe('Barnacle — nothing to prune');

    // It went through the app's plan runner: the history has it, like any plan run from the window.
    const history = await core.plans.readHistory();
    expect(history[0]).toMatchObject({ planId: plan.id, finished: true });
    expect(history[0]!.removedImages.map((i) => i.id).sort()).toEqual([ids.unusedA, ids.unusedB].sort());
  });
});
