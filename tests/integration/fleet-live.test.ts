// The fleet in main on live engines: the core's own engine is an address where
// nothing answers, and the harness engine is watched beside it as a fleet
// engine, followed on its own connection. Its overview line matches what the
// engine lists; a plan across both plans only the engine that answers, and the
// other says why; running it removes exactly the previewed images, and the
// watched engine's own followed lists lose them before the run's report comes
// back (the plan lifecycle updates the inventory of the engine the plan ran on,
// not the core's). The event stream is slowed down here so it cannot be what
// brought the lists up to date in time.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BarnacleCore } from '../../src-main/core/barnacle-core';
import { buildImage, resetEngine } from '../engines/harness';
import { describeEachEngine } from '../engines/use-engines';

describeEachEngine('fleet: a watched engine beside one that does not answer', (engine) => {
  const { docker } = engine;
  const away = 'unix:///nonexistent/barnacle-fleet-live.sock';
  let core: BarnacleCore;
  let dataDir: string;
  let dangling: string[] = [];

  beforeAll(async () => {
    await resetEngine(docker);
    dangling = [];
    for (const tag of ['fleetlive/a:1', 'fleetlive/b:1']) {
      dangling.push(await buildImage(docker, { tag, files: { '/v.txt': `${tag} old` } }));
      await buildImage(docker, { tag, files: { '/v.txt': `${tag} new` } });
    }
    dataDir = mkdtempSync(join(tmpdir(), 'barnacle-fleet-live-'));
    core = new BarnacleCore(
      { host: away, label: 'away', source: 'user' },
      { dataDir, backoffMs: [60_000], liveUpdates: { debounceMs: 20_000 }, fleet: { coalesceMs: 10 } },
    );
    await core.start();
    await core.fleet.setFleet([engine.host]);
    // Connected, its lists read and its event stream followed.
    const deadline = Date.now() + 20_000;
    while (
      !core.fleet.followerOf(engine.host)?.inventory.following ||
      !core.fleet.followerOf(engine.host)?.inventory.snapshot
    ) {
      if (Date.now() > deadline) throw new Error(`the watched engine was not followed within 20 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(() => {
    core?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the watched engine as the engine lists itself, and the core’s own engine as not answering', async () => {
    const overview = await core.fleet.overview();
    expect(overview.engines.map((e) => e.endpoint.host)).toEqual([away, engine.host]);
    const [here, watched] = overview.engines;
    expect(here!.health).not.toBe('connected');
    expect(watched!.health).toBe('connected');
    const listed = await docker.listImages();
    expect(watched!.lists).toMatchObject({ images: listed.length, dangling: 2 });
    expect(overview.totals).toMatchObject({ engines: 2, connected: 1, images: listed.length });
  });

  it('plans and runs across both: exactly the previewed images go, and the watched engine’s lists follow at once', async () => {
    const plan = await core.fleet.preview([away, engine.host], { type: 'prune-images', all: false });
    const awayPart = plan.parts.find((p) => p.endpoint.host === away)!;
    const part = plan.parts.find((p) => p.endpoint.host === engine.host)!;
    expect(awayPart).toMatchObject({ error: { kind: 'engine-unreachable' } });
    if (!('plan' in part)) throw new Error(`no plan on the watched engine: ${JSON.stringify(part.error)}`);
    const targets = part.plan.steps.filter((s) => s.action === 'remove-image').map((s) => s.target);
    expect(targets.sort()).toEqual([...dangling].sort());
    const before = (await docker.listImages()).map((i) => i.Id);

    const report = await core.fleet.execute(plan.id);
    // Before anything else can happen: the watched engine's own followed lists no longer hold them.
    const followed = core.fleet.followerOf(engine.host)!.inventory.snapshot!;
    for (const id of dangling) expect(followed.images.map((i) => i.id)).not.toContain(id);

    expect(report.parts.find((p) => p.host === engine.host)).toMatchObject({ report: { finished: true } });
    expect(report.parts.find((p) => p.host === away)).toMatchObject({ error: { kind: 'engine-unreachable' } });
    const after = (await docker.listImages()).map((i) => i.Id);
    expect(after.sort()).toEqual(before.filter((id) => !dangling.includes(id)).sort());

    const line = (await core.fleet.overview()).engines.find((e) => e.endpoint.host === engine.host)!;
    expect(line.lastCleanup).toMatchObject({ planId: part.plan.id, finished: true });
    await expect(core.fleet.execute(plan.id)).rejects.toMatchObject({ kind: 'plan-stale' });
  });
});
