// Every engine operation through main's handler table, on live Docker and
// Podman: what it does, what it leaves alone, and the engine differences
// handled once in src-main/operations (Podman's force, 304s, volumes).

import { afterAll, beforeAll, expect, it } from 'vitest';
import { BarnacleCore } from '../../src-main/core/barnacle-core';
import { createHandlers } from '../../src-main/ipc/handlers';
import type { HandlerTable } from '../../src-shared/contract';
import type { Result } from '../../src-shared/errors';
import { buildImage, resetEngine, runContainer, tagImage } from '../engines/harness';
import { describeEachEngine } from '../engines/use-engines';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value;
}

describeEachEngine('operations', (engine) => {
  const { docker } = engine;
  let core: BarnacleCore;
  let handlers: HandlerTable;
  const state = async (id: string) => (await docker.getContainer(id).inspect()).State.Status;
  const imageExists = (ref: string) =>
    docker
      .getImage(ref)
      .inspect()
      .then(() => true)
      .catch(() => false);

  beforeAll(async () => {
    await resetEngine(docker);
    core = new BarnacleCore({ host: engine.host, label: engine.kind, source: 'user' }, { live: false });
    await core.start();
    handlers = createHandlers(core);
  });
  afterAll(() => core?.close());

  it('stops and starts a container; doing it twice is not an error', async () => {
    await buildImage(docker, { tag: 'ops/svc:1', files: { '/svc': 'svc' } });
    const id = await runContainer(docker, 'ops/svc:1', { name: 'ops-svc', running: true });
    value(await handlers.stopContainer({ id }));
    expect(await state(id)).toBe(engine.kind === 'docker' ? 'exited' : 'exited');
    value(await handlers.stopContainer({ id }));
    value(await handlers.startContainer({ id: 'ops-svc' }));
    expect(await state(id)).toBe('running');
    value(await handlers.startContainer({ id }));
  });

  it('removes a container but keeps its volumes unless one is named', async () => {
    await docker.createVolume({ Name: 'ops-keep' });
    await docker.createVolume({ Name: 'ops-drop' });
    const make = async (name: string, volume: string) => {
      const c = await docker.createContainer({
        name,
        Image: 'ops/svc:1',
        Cmd: ['/bin/busybox', 'true'],
        HostConfig: { NetworkMode: 'none', Binds: [`${volume}:/data`] },
      });
      return c.id;
    };
    const keeper = await make('ops-vol-a', 'ops-keep');
    const dropper = await make('ops-vol-b', 'ops-drop');
    value(await handlers.removeContainer({ id: keeper }));
    value(await handlers.removeContainer({ id: dropper, volumes: ['ops-drop'] }));
    const volumes = (await docker.listVolumes()).Volumes.map((v) => v.Name);
    expect(volumes).toContain('ops-keep');
    expect(volumes).not.toContain('ops-drop');
  });

  it('never lets force remove a container on Podman: the conflict comes back instead', async () => {
    await buildImage(docker, { tag: 'ops/used:1', files: { '/used': 'used' } });
    const user = await runContainer(docker, 'ops/used:1', { name: 'ops-user', running: false });
    const result = await handlers.removeImage({ ref: 'ops/used:1', force: true });
    if (engine.kind === 'podman') {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.kind).toBe('stopped-container');
        expect(result.error.containers?.[0]?.name).toBe('ops-user');
      }
      expect(await state(user)).toBe('exited');
      expect(await imageExists('ops/used:1')).toBe(true);
    } else {
      // Docker's force never touches containers: the stopped one stays, pointing at a deleted image.
      expect(result.ok).toBe(true);
      expect(await state(user)).toBe('exited');
    }
  });

  it('untags one of several tags, and refuses to untag the last', async () => {
    const id = await buildImage(docker, { tag: 'ops/multi:a', files: { '/multi': 'm' } });
    await tagImage(docker, id, 'ops/multi', 'b');
    const report = value(await handlers.untagImage({ ref: 'ops/multi:a' }));
    expect(report.untagged.join()).toMatch(/ops\/multi:a/);
    expect(report.deleted).toEqual([]);
    const last = await handlers.untagImage({ ref: 'ops/multi:b' });
    expect(last.ok).toBe(false);
    if (!last.ok) expect(last.error.message).toMatch(/last tag/);
    expect(await imageExists(id)).toBe(true);
  });

  it('removes an unused image and says what went', async () => {
    const id = await buildImage(docker, { tag: 'ops/lonely:1', files: { '/lonely': 'l' } });
    const report = value(await handlers.removeImage({ ref: 'ops/lonely:1' }));
    expect(report.deleted).toContain(id);
    expect(await imageExists(id)).toBe(false);
  });

  it('prunes dangling images, sparing one a container uses', async () => {
    const loose = await buildImage(docker, { tag: 'ops/rebuilt:1', files: { '/v': '1' } });
    await buildImage(docker, { tag: 'ops/rebuilt:1', files: { '/v': '2' } });
    const held = await buildImage(docker, { tag: 'ops/held:1', files: { '/v': 'h1' } });
    const holder = await runContainer(docker, held, { name: 'ops-holder', running: false });
    await buildImage(docker, { tag: 'ops/held:1', files: { '/v': 'h2' } });
    value(await handlers.pruneImages({ all: false }));
    expect(await imageExists(loose)).toBe(false);
    expect(await imageExists(held)).toBe(true);
    expect(await state(holder)).toBe('exited');
  });

  it('prunes unused images with label filters, keeping tagged images in use', async () => {
    const labelled = await buildImage(docker, { tag: 'ops/lab:1', files: { '/l': 'l' }, labels: { tier: 'scratch' } });
    const other = await buildImage(docker, { tag: 'ops/lab:2', files: { '/l': 'k' }, labels: { tier: 'keep' } });
    value(await handlers.pruneImages({ all: true, labels: ['tier=scratch'] }));
    expect(await imageExists(labelled)).toBe(false);
    expect(await imageExists(other)).toBe(true);
    value(await handlers.pruneImages({ all: true, notLabels: ['tier=keep'], until: '1h' }));
    expect(await imageExists(other)).toBe(true);
    expect(await imageExists('ops/svc:1')).toBe(true);
  });

  it('prunes stopped containers only', async () => {
    const running = await runContainer(docker, 'ops/svc:1', { name: 'ops-up', running: true });
    const stopped = await runContainer(docker, 'ops/svc:1', { name: 'ops-down', running: false });
    const report = value(await handlers.pruneContainers({}));
    expect(report.deleted).toContain(stopped);
    expect(await state(running)).toBe('running');
  });

  it('refuses malformed input before the engine sees it', async () => {
    const bad = await handlers.removeImage({ ref: 'ops/svc:1; rm -rf /' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.kind).toBe('validation');
    expect(await imageExists('ops/svc:1')).toBe(true);
  });
});
