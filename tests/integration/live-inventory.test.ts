// The inventory kept up to date by engine events, one image or container at a
// time, never by relisting: after a series of changes it equals a fresh full
// read, a removal costs at most two engine calls, and the layer facts persist in
// the data folder (a damaged file is rebuilt, never reported).
//
// The calls the core makes are counted by wrapping its client's dial: the
// engine is real, the count is of real requests.

import { turnTrashOff } from '../fixtures/trash-settings';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { ContainerSummary, ImageSummary, InventorySnapshot } from '../../src-shared/model';
import { BarnacleCore } from '../../src-main/core/barnacle-core';
import { layerFactsPath } from '../../src-main/inventory/layer-facts-cache';
import { listsFrom } from '../../src-main/inventory/read-lists';
import type { RawContainer, RawImage } from '../../src-main/inventory/engine-answers';
import { buildImage, loadImage, resetEngine, runContainer, tagImage } from '../engines/harness';
import { describeEachEngine, type LiveEngine } from '../engines/use-engines';

const until = async (check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) => {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
};

interface Call {
  method: string;
  path: string;
  /** The query dockerode adds to the path. */
  options?: Record<string, unknown>;
}

/** Records every request the core's client sends from now on (the event stream's own request included). */
function countCalls(core: BarnacleCore): { calls: Call[]; stop: () => void } {
  const connection = core.session.current();
  if (!connection) throw new Error('not connected');
  const modem = connection.docker.modem as unknown as { dial: (opts: Call, cb: unknown) => unknown };
  const original = modem.dial.bind(modem);
  const calls: Call[] = [];
  modem.dial = (opts, cb) => {
    calls.push({ method: opts.method, path: opts.path, ...(opts.options ? { options: opts.options } : {}) });
    return original(opts, cb);
  };
  return { calls, stop: () => void (modem.dial = original) };
}

/** What the screens show of each image and container, order aside (fields the clock changes left out). */
function comparable(s: Pick<InventorySnapshot, 'images' | 'containers'>) {
  const image = (i: ImageSummary) => ({
    id: i.id,
    tags: [...i.tags].sort(),
    digests: [...i.digests].sort(),
    pullBack: i.pullBack.state,
    created: i.created,
    size: i.size,
    parent: i.parent,
    children: [...i.children].sort(),
    dangling: i.dangling,
    unused: i.unused,
    labels: i.labels,
    containers: i.containers.map((c) => c.id).sort(),
  });
  const container = (c: ContainerSummary) => ({
    id: c.id,
    names: c.names,
    imageId: c.imageId,
    imageRef: c.imageRef,
    state: c.state,
    created: c.created,
    labels: c.labels,
  });
  return {
    images: s.images.map(image).sort((a, b) => a.id.localeCompare(b.id)),
    containers: s.containers.map(container).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

async function freshRead(engine: LiveEngine) {
  const [images, containers] = await Promise.all([
    engine.docker.listImages({ all: true }) as unknown as Promise<RawImage[]>,
    engine.docker.listContainers({ all: true }) as unknown as Promise<RawContainer[]>,
  ]);
  const storeOf = { kind: engine.kind, imageStore: engine.store === 'containerd' ? 'containerd' : 'classic' } as const;
  return comparable(listsFrom(images, containers, { engine: storeOf }));
}

const isFullList = (c: Call) =>
  c.method === 'GET' && /^\/(images|containers)\/json\?/.test(c.path) && c.options?.filters === undefined;
const isEvents = (c: Call) => /\/events\?/.test(c.path);
const isHistory = (c: Call) => /\/images\/[^/]+\/history/.test(c.path);

describeEachEngine('inventory kept up to date by engine events', (engine) => {
  const { docker } = engine;
  let dataDir: string;
  let core: BarnacleCore | null = null;

  const startCore = async () => {
    const started = new BarnacleCore(
      { host: engine.host, label: engine.label, source: 'user' },
      { dataDir, liveUpdates: { debounceMs: 100 } },
    );
    expect((await started.start()).state).toBe('connected');
    await until(() => started.inventory.following && started.inventory.snapshot !== null, 15_000, 'events followed');
    core = started;
    return started;
  };

  beforeAll(async () => {
    await resetEngine(docker);
    dataDir = await mkdtemp(join(tmpdir(), 'barnacle-live-inv-'));
    turnTrashOff(dataDir);
  });
  afterEach(() => {
    core?.close();
    core = null;
  });
  afterAll(async () => {
    // A layer-facts save may still be renaming its file in: retried until the folder is empty.
    await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  });

  it('equals a fresh full read after removals, tags, loads and container starts and stops, without relisting', async () => {
    const a = await buildImage(docker, { tag: 'live/a:1', files: { '/a.txt': 'a' } });
    const b = await buildImage(docker, { tag: 'live/b:1', files: { '/b.txt': 'b' } });
    await buildImage(docker, { tag: 'live/c:1', files: { '/c.txt': 'c' } });
    const live = await startCore();
    const { calls, stop } = countCalls(live);

    await tagImage(docker, a, 'live/a', '2');
    await docker.getImage('live/a:2').remove();
    const stopped = await runContainer(docker, 'live/b:1', { name: 'live-stopped', running: false });
    const running = await runContainer(docker, 'live/c:1', { name: 'live-running', running: true });
    await docker.getContainer(running).stop({ t: 0 });
    await docker.getContainer(running).start();
    await docker.getContainer(stopped).remove();
    await docker.getImage(b).remove();
    await loadImage(docker, { tags: ['live/loaded:1'], created: new Date('2024-01-01T00:00:00Z') });
    // Rebuilt under the same tag: the old live/a:1 is left dangling.
    await buildImage(docker, { tag: 'live/a:1', files: { '/a.txt': 'a, rebuilt' } });
    await runContainer(docker, a, { name: 'live-on-dangling', running: false });

    let last: unknown = null;
    let expected: unknown = null;
    await until(
      async () => {
        expected = await freshRead(engine);
        last = comparable(live.inventory.snapshot!);
        return JSON.stringify(last) === JSON.stringify(expected);
      },
      10_000,
      'inventory equal to a fresh read',
    ).catch(() => expect(last).toEqual(expected));
    stop();
    // Each change was read back alone; nothing listed everything again. Except on
    // Podman 4.3, whose load event names a temporary file instead of the image
    // ("loadfromarchive", empty ID): that one batch is a full read of both lists.
    expect(calls.filter(isFullList).length).toBe(engine.name === 'podman43' ? 2 : 0);
  });

  it('brings the inventory up to date after one image removal with at most 2 engine calls', async () => {
    const gone = await buildImage(docker, { tag: 'live/one:1', files: { '/one.txt': 'one' } });
    const live = await startCore();
    await live.inventory.readSpaceFigures();
    const { calls, stop } = countCalls(live);
    await docker.getImage(gone).remove();
    await until(() => !live.inventory.snapshot!.images.some((i) => i.id === gone), 5_000, 'removal seen');
    // The batch and the space figures after it settle.
    await new Promise((r) => setTimeout(r, 500));
    await live.inventory.readSpaceFigures();
    stop();
    // Names go to the engine URL-encoded (engine/handles.ts): read the paths decoded.
    const engineCalls = calls.filter((c) => !isEvents(c)).map((c) => `${c.method} ${decodeURIComponent(c.path)}`);
    // Docker announces untag, then delete: a delete is final, nothing is read back.
    if (engine.kind === 'docker') expect(engineCalls).toEqual([]);
    else {
      // Podman says "delete" also when `rmi` took one of several tags, so the image is read
      // back and its 404 settles it: once per batch the two events fall in (one, or two when a
      // loaded machine splits them across the 100 ms window).
      expect(engineCalls.length).toBeGreaterThanOrEqual(1);
      expect(engineCalls.length).toBeLessThanOrEqual(2);
      for (const call of engineCalls) expect(call).toBe(`GET /images/${gone}/json`);
    }
  });

  it('previews a prune in the app from the followed lists, listing nothing again', async () => {
    await buildImage(docker, { tag: 'live/prunable:1', files: { '/p.txt': 'prune me' } });
    const live = await startCore();
    const connection = live.session.current()!;
    const { calls, stop } = countCalls(live);
    const plan = await live.plans.preview(connection, { type: 'prune-images', all: true });
    stop();
    expect(plan.steps.map((s) => s.target)).toContain((await docker.getImage('live/prunable:1').inspect()).Id);
    expect(calls.filter(isFullList)).toEqual([]);
    // With stopped containers going too, their sizes are needed: the container list is read, with sizes.
    const counted = countCalls(live);
    await live.plans.preview(connection, { type: 'prune-images', all: true, withStoppedContainers: true });
    counted.stop();
    expect(counted.calls.filter(isFullList).map((c) => c.path)).toEqual(['/containers/json?']);
    expect(counted.calls.find(isFullList)?.options).toMatchObject({ size: true });
  });

  it('keeps layer facts on disk: a second start reads no history, a damaged file is rebuilt silently', async () => {
    await buildImage(docker, { tag: 'live/facts:1', files: { '/f.txt': 'facts' } });
    const first = await startCore();
    await first.inventory.readSpaceFigures();
    await until(
      async () => (await readFile(layerFactsPath(dataDir), 'utf8').catch(() => '')).includes('"engines"'),
      5_000,
      'facts saved',
    );
    first.close();
    core = null;

    // A second start: every image's figures come from the file, before and without any history call.
    const second = new BarnacleCore(
      { host: engine.host, label: engine.label, source: 'user' },
      { dataDir, live: false },
    );
    core = second;
    expect((await second.start()).state).toBe('connected');
    const { calls, stop } = countCalls(second);
    const snapshot = await second.inventory.refresh();
    await second.inventory.readSpaceFigures();
    stop();
    expect(snapshot.images.every((i) => i.uniqueSize !== undefined)).toBe(true);
    expect(calls.filter(isHistory)).toEqual([]);
    second.close();
    core = null;

    // Damaged: ignored, the facts read again, the file written whole again, and no error anywhere.
    await writeFile(layerFactsPath(dataDir), '{"format":"barnacle-layer-facts","version":1,"engines":{"x":');
    const third = new BarnacleCore(
      { host: engine.host, label: engine.label, source: 'user' },
      { dataDir, live: false },
    );
    core = third;
    expect((await third.start()).state).toBe('connected');
    const counted = countCalls(third);
    const fresh = await third.inventory.refresh();
    expect(fresh.images.length).toBeGreaterThan(0);
    await third.inventory.readSpaceFigures();
    counted.stop();
    expect(counted.calls.filter(isHistory).length).toBeGreaterThan(0);
    expect(third.inventory.snapshot!.images.every((i) => i.uniqueSize !== undefined)).toBe(true);
    await until(
      async () => {
        const text = await readFile(layerFactsPath(dataDir), 'utf8');
        try {
          return Object.keys((JSON.parse(text) as { engines: object }).engines).length === 1;
        } catch {
          return false;
        }
      },
      5_000,
      'file rebuilt',
    );
  });
});
