// Last used, per image, on each engine: a container started from an image dates
// its last use by the engine's own event; a core that was not running when a
// container started finds that start again in the engine's event history when it
// next starts (the store in the data folder survives the restart); an image no
// event or container speaks for shows its own date, with when watching began.
//
// The clock the core dates things by is injected: the third test sets it before
// an image's build, so the history it reads ends before that build.
//
// What differs by engine (seen live):
// - Docker sends container create and start with `time` and `timeNano`; a pull
//   names its reference, a classic build only tags the new ID; the containerd store
//   also sends image "create".
// - Podman 4.3 and 5.4 send the same container actions, image IDs as bare hex, a
//   build with the ID in the name; both answer /events?since=&until= from their
//   event log, as Docker does from its in-memory buffer (~1,000 events).

import { turnTrashOff } from '../fixtures/trash-settings';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { ImageSummary } from '../../src-shared/model';
import { BarnacleCore, type CoreOptions } from '../../src-main/core/barnacle-core';
import { engineKeyOf } from '../../src-main/inventory/layer-facts-cache';
import { buildImage, resetEngine, runContainer } from '../engines/harness';
import { describeEachEngine } from '../engines/use-engines';

const until = async (check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) => {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachEngine('last used, per image', (engine) => {
  const { docker } = engine;
  let dataDir: string;
  let core: BarnacleCore | null = null;

  const startCore = async (dir: string, options: Partial<CoreOptions> = {}) => {
    const started = new BarnacleCore(
      { host: engine.host, label: engine.label, source: 'user' },
      { dataDir: dir, liveUpdates: { debounceMs: 100 }, ...options },
    );
    core = started;
    expect((await started.start()).state).toBe('connected');
    await until(() => started.inventory.following && started.inventory.snapshot !== null, 15_000, 'events followed');
    return started;
  };
  const imageIn = (c: BarnacleCore, id: string): ImageSummary | undefined =>
    c.inventory.snapshot?.images.find((i) => i.id === id);
  /** Waits for the core's store to be on disk, as closing the app leaves it. */
  const closeSaved = async (c: BarnacleCore) => {
    const connection = c.session.current()!;
    c.close();
    await (await c.lastUsed.for(engineKeyOf(connection))).save();
    core = null;
  };

  beforeAll(async () => {
    await resetEngine(docker);
    dataDir = await mkdtemp(join(tmpdir(), 'barnacle-used-'));
    turnTrashOff(dataDir);
  });
  afterEach(() => {
    core?.close();
    core = null;
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  });

  it("dates a container's start from its event, and finds a start made while no core ran in the event history", async () => {
    const first = await startCore(dataDir);
    const a = await buildImage(docker, { tag: 'used/a:1', files: { '/a.txt': 'a' } });
    const b = await buildImage(docker, { tag: 'used/b:1', files: { '/b.txt': 'b' } });
    // A second apart from the builds, so the start is the later use whatever the events' precision.
    await pause(1100);
    const before = Date.now();
    await runContainer(docker, a, { running: false });
    const after = Date.now();
    await until(() => (imageIn(first, a)?.lastUsed?.at ?? 0) >= before - 1000, 15_000, 'the start seen');
    // Create and start may come in two batches (Podman 5.4, ~150 ms apart): let the second land too.
    await pause(1000);
    const seen = imageIn(first, a)!.lastUsed!;
    expect(seen.source).toBe('event');
    expect(seen.at).toBeGreaterThanOrEqual(before - 1000);
    expect(seen.at).toBeLessThanOrEqual(after + 1000);
    // b was built while watching: its build (a tag on Docker's classic store) is its use.
    expect(imageIn(first, b)?.lastUsed?.source).toBe('event');
    await closeSaved(first);

    // Meanwhile, with no core running: b's container starts.
    await pause(1100);
    const offlineBefore = Date.now();
    await runContainer(docker, b, { running: true });
    const offlineAfter = Date.now();
    // Out of the next core's live replay (it starts a second back): only the history has it.
    await pause(2100);

    const second = await startCore(dataDir);
    await until(() => imageIn(second, b)?.lastUsed?.source === 'event-history', 15_000, 'the start backfilled');
    const found = imageIn(second, b)!.lastUsed!;
    expect(found.at).toBeGreaterThanOrEqual(offlineBefore - 1000);
    expect(found.at).toBeLessThanOrEqual(offlineAfter + 1000);
    // What the first core saw survived the restart.
    expect(imageIn(second, a)?.lastUsed).toEqual(seen);
  });

  it('shows an image no event or container speaks for by its own date, since watching began', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'barnacle-used-fresh-'));
    try {
      // The core's clock stands before the build: the history it reads ends there.
      const watchFrom = Date.now();
      await pause(1100);
      const z = await buildImage(docker, { tag: 'used/z:1', files: { '/z.txt': 'z' } });
      await pause(2100);
      const c = await startCore(fresh, { now: () => watchFrom });
      const created = (await docker.getImage(z).inspect()).Created;
      await until(() => imageIn(c, z)?.lastUsed !== undefined, 15_000, 'the image listed');
      // The backfill runs after the first snapshot: give it time to (not) find a use.
      await pause(1500);
      expect(imageIn(c, z)!.lastUsed).toEqual({
        at: Math.floor(Date.parse(created) / 1000) * 1000,
        source: 'image-date',
        watchingSince: watchFrom,
      });
    } finally {
      core?.close();
      core = null;
      await rm(fresh, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    }
  });
});
