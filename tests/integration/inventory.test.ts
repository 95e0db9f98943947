// Who uses what, read from live engines through the same code the app uses:
// BarnacleCore (engine session + inventory) and main's handler table.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImageSummary } from '../../src-shared/model';
import { BarnacleCore } from '../../src-main/core/barnacle-core';
import { createHandlers } from '../../src-main/ipc/handlers';
import { BASE_TAG, buildImage, resetEngine, runContainer, tagImage } from '../engines/harness';
import { describeEachEngine } from '../engines/use-engines';

const until = async (check: () => Promise<boolean> | boolean, timeoutMs: number) => {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
};

describeEachEngine('inventory relations', (engine) => {
  const { docker } = engine;
  let core: BarnacleCore;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await resetEngine(docker);
    ids.parent = await buildImage(docker, { tag: 'inv/parent:1', files: { '/parent.txt': 'parent' } });
    ids.child = await buildImage(docker, { tag: 'inv/child:1', from: 'inv/parent:1', files: { '/child.txt': 'c' } });
    ids.multi = await buildImage(docker, { tag: 'inv/multi:a', files: { '/multi.txt': 'm' } });
    await tagImage(docker, ids.multi, 'inv/multi', 'b');
    ids.used = await buildImage(docker, { tag: 'inv/used:1', files: { '/used.txt': 'u' } });
    ids.old = await buildImage(docker, { tag: 'inv/dangle:1', files: { '/d.txt': 'old' } });
    await buildImage(docker, { tag: 'inv/dangle:1', files: { '/d.txt': 'new' } });
    ids.running = await runContainer(docker, 'inv/used:1', { name: 'inv-web-1', running: true });
    ids.stopped = await runContainer(docker, 'inv/used:1', { name: 'inv-job-1', running: false });
    ids.onDangling = await runContainer(docker, 'inv/child:1', { name: 'inv-child-user', running: false });
    // Re-tagging the child leaves its container on a now-untagged image.
    await buildImage(docker, { tag: 'inv/child:1', from: 'inv/parent:1', files: { '/child.txt': 'c2' } });

    core = new BarnacleCore({ host: engine.host, label: engine.kind, source: 'env-docker-host' });
    const health = await core.start();
    expect(health.state).toBe('connected');
  });
  afterAll(() => core?.close());

  const byId = (images: ImageSummary[], id: string) => {
    const found = images.find((i) => i.id === id);
    if (!found) throw new Error(`image ${id} not listed`);
    return found;
  };

  it('identifies the engine and its API version', () => {
    const health = core.session.health;
    if (health.state !== 'connected') throw new Error(health.state);
    expect(health.engine.kind).toBe(engine.kind);
    expect(health.engine.pinnedApiVersion).toMatch(/^1\.\d+$/);
    // Podman reports its own storage as the classic kind: only Docker has a containerd image store.
    expect(health.engine.imageStore).toBe(engine.store === 'containerd' ? 'containerd' : 'classic');
  });

  it('lists images with running and stopped users, computed from the container list', async () => {
    const result = await createHandlers(core).inventory({});
    if (!result.ok) throw new Error(result.error.message);
    const used = byId(result.value.images, ids.used!);
    expect(used.containers.map((c) => [c.name, c.state]).sort()).toEqual([
      ['inv-job-1', 'exited'],
      ['inv-web-1', 'running'],
    ]);
    expect(used.unused).toBe(false);
    const base = result.value.images.find((i) => i.tags.some((t) => t.endsWith(BASE_TAG)));
    expect(base?.unused).toBe(true);
  });

  it('knows sibling tags, dangling images and a container whose image became dangling', async () => {
    const { images, containers } = await core.inventory.refresh();
    expect(
      byId(images, ids.multi!)
        .tags.map((t) => t.replace(/^docker\.io\/|^localhost\//, ''))
        .sort(),
    ).toEqual(['inv/multi:a', 'inv/multi:b']);
    const old = byId(images, ids.old!);
    expect(old.dangling).toBe(true);
    expect(old.unused).toBe(true);
    const user = containers.find((c) => c.id === ids.onDangling)!;
    expect(user.imageId).toBe(ids.child);
    const oldChild = byId(images, ids.child!);
    expect(oldChild.tags).toEqual([]);
    expect(oldChild.containers.map((c) => c.name)).toEqual(['inv-child-user']);
    // Used by a container, so not what `image prune` calls dangling-and-unused.
    expect(oldChild.unused).toBe(false);
  });

  it('links parents and children', async () => {
    const { images } = await core.inventory.refresh();
    const parent = byId(images, ids.parent!);
    expect(parent.children).toContain(ids.child);
    expect(byId(images, ids.child!).parent).toBe(ids.parent);
  });

  it('shows a change made by another client within a second, from the event stream', async () => {
    await core.inventory.refresh();
    let sawIt = false;
    const off = core.inventory.onChange((s) => {
      if (!s.images.some((i) => i.id === ids.old)) sawIt = true;
    });
    await docker.getImage(ids.old!).remove();
    const took = await until(() => sawIt, 1000);
    off();
    expect(took).toBeLessThan(1000);
  });

  it('reads disk usage in the background', async () => {
    const usage = await core.inventory.refreshDiskUsage();
    expect(usage).not.toBeNull();
    expect(usage!.images.count).toBeGreaterThan(3);
    expect(usage!.images.total).toBeGreaterThan(0);
    expect(usage!.containers.count).toBe(3);
    expect(usage!.containers.active).toBe(1);
  });

  it('adds exact space figures from layer chains: unique size per image, reclaimable for all unused', async () => {
    await core.inventory.refresh();
    await core.inventory.refreshDiskUsage();
    await core.inventory.readSpaceFigures();
    const snapshot = core.inventory.snapshot!;
    const multi = byId(snapshot.images, ids.multi!);
    const parent = byId(snapshot.images, ids.parent!);
    expect(multi.uniqueSize).toBeGreaterThan(0);
    // The parent's layers are all held by its child too: removing it alone frees nothing.
    expect(parent.uniqueSize).toBe(0);
    if (engine.store === 'classic') {
      expect(snapshot.diskUsage?.images.reclaimableExact).toBe(true);
      // Every unused image's unique layers are reclaimable, and more where unused images share layers.
      const unusedUnique = snapshot.images.filter((i) => i.unused).reduce((s, i) => s + (i.uniqueSize ?? 0), 0);
      expect(snapshot.diskUsage!.images.reclaimable).toBeGreaterThanOrEqual(unusedUnique);
    } else {
      // Podman's layer sizes and the containerd store's blob shares are estimates: the engine's own figure stays.
      expect(snapshot.diskUsage?.images.reclaimableExact).toBeUndefined();
    }
  });

  it("shows an image's layers with sizes and who else holds each", async () => {
    const result = await createHandlers(core).imageLayers({ id: ids.multi! });
    if (!result.ok) throw new Error(result.error.message);
    const { layers } = result.value;
    // The base's layer(s) below, the image's own COPY layer on top.
    expect(layers.length).toBeGreaterThanOrEqual(2);
    const top = layers[layers.length - 1]!;
    expect(top.sharedWith).toBe(0);
    expect(top.size).toBeGreaterThan(0);
    // Every image here is built on the base, so its first layer is shared widely.
    expect(layers[0]!.sharedWith).toBeGreaterThanOrEqual(3);
    const missing = await createHandlers(core).imageLayers({ id: 'nope/missing:1' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.kind).toBe('not-found');
  });
});
