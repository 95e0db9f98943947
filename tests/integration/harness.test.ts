// Proves the engine harness itself on the live engines global-setup started.
import Dockerode from 'dockerode';
import type { EngineName } from '../engines/matrix';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  BASE_TAG,
  assertHarnessHost,
  attachEngine,
  buildImage,
  connect,
  ping,
  resetEngine,
  runContainer,
  tagImage,
} from '../engines/harness.js';
import { describeEachEngine } from '../engines/use-engines.js';

interface HistoryEntry {
  CreatedBy: string;
  Size: number;
}

describeEachEngine('harness fixtures', (engine) => {
  const { docker } = engine;
  beforeAll(() => resetEngine(docker));

  it('has the base image, under the name each engine reports', async () => {
    const base = await docker.getImage(BASE_TAG).inspect();
    expect(base.Id).toBe(engine.baseImageId);
    // Podman's compat API qualifies short names with docker.io (not localhost/).
    const expected = engine.kind === 'docker' ? BASE_TAG : `docker.io/${BASE_TAG}`;
    expect(base.RepoTags).toEqual([expected]);
  });

  it('builds COPY and RUN layers with labels', async () => {
    const id = await buildImage(docker, {
      tag: 'harness/layers:1',
      files: { '/etc/hello.txt': 'hello\n' },
      runs: ['dd if=/dev/zero of=/big bs=1k count=100'],
      labels: { 'barnacle.test': 'harness' },
    });
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    const image = await docker.getImage(id).inspect();
    expect(image.Config.Labels).toMatchObject({ 'barnacle.test': 'harness' });
    expect(image.RootFS.Layers).toHaveLength(3); // base + COPY + RUN
    const history = (await docker.getImage(id).history()) as HistoryEntry[];
    const run = history.find((h) => h.CreatedBy.includes('dd if=/dev/zero'));
    expect(run?.Size).toBeGreaterThanOrEqual(100 * 1024);
  });

  it('tags an image under a second name', async () => {
    const id = await buildImage(docker, { tag: 'harness/tagged:1', files: { '/a': 'a' } });
    await tagImage(docker, id, 'harness/tagged', 'again');
    const image = await docker.getImage('harness/tagged:again').inspect();
    expect(image.Id).toBe(id);
  });

  it('makes running and stopped containers', async () => {
    const running = await runContainer(docker, BASE_TAG, { name: 'harness-up', running: true, writeBytes: 8192 });
    const stopped = await runContainer(docker, BASE_TAG, {
      name: 'harness-down',
      running: false,
      labels: { 'barnacle.test': 'stopped' },
    });
    const up = await docker.getContainer(running).inspect();
    const down = await docker.getContainer(stopped).inspect();
    expect(up.State.Status).toBe('running');
    expect(down.State.Status).toBe('exited');
    expect(down.Config.Labels).toMatchObject({ 'barnacle.test': 'stopped' });
    // ContainerInfo's typings omit the size=1 fields.
    const listed = (await docker.listContainers({ all: true, size: true })) as Array<{ Id: string; SizeRw?: number }>;
    expect(listed.find((c) => c.Id === running)?.SizeRw).toBeGreaterThanOrEqual(8192);
  });

  it('resetEngine leaves only the base image and no containers', async () => {
    await resetEngine(docker);
    expect(await docker.listContainers({ all: true })).toEqual([]);
    const images = await docker.listImages({ all: true });
    expect(images.map((i) => i.Id)).toEqual([engine.baseImageId]);
  });

  it('the guard accepts this engine only', async () => {
    expect(() => assertHarnessHost(engine.host)).not.toThrow();
    expect(() => assertHarnessHost('unix:///var/run/docker.sock')).toThrow(/refusing to touch/);
    expect(() => assertHarnessHost('tcp://127.0.0.1:2375')).toThrow(/not a unix/);
    // The fixture helpers check before sending anything.
    await expect(resetEngine(new Dockerode({ socketPath: '/var/run/docker.sock' }))).rejects.toThrow(
      /refusing to touch/,
    );
  });
});

// Last in the file: restarts the engine the rest of the run shares.
describe.each(Object.keys(inject('engines').started) as EngineName[])(
  '%s: stop() and start() on the same dir',
  (name) => {
    it('comes back on the same socket with its images', async () => {
      const info = inject('engines').started[name];
      if (!info) return;
      const engine = attachEngine(name, info.dir);
      expect(engine.host).toBe(info.host);
      const before = engine.pid;
      await engine.stop();
      expect(await ping(engine.socketPath)).toBe(false);
      await engine.start();
      expect(await ping(engine.socketPath)).toBe(true);
      expect(engine.pid).not.toBe(before);
      const docker = connect(engine.host);
      expect((await docker.getImage(BASE_TAG).inspect()).Id).toBe(info.baseImageId);
    });
  },
);
