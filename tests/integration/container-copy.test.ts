// A stopped container kept in the trash (src-main/trash/container-copy.ts), on
// every engine: its configuration recorded, its writable layer committed and
// saved with its image in one archive, the container and both images removed,
// the archive loaded back, and the container made again under its name. The
// named volume it used is only ever referenced: it outlives the container and
// the restored container writes into the same one.
//
// Seen on the five engines:
// - Docker 20.10 and 26 (both stores) list an anonymous volume only in the
//   container's Mounts (Config.Volumes holds its path), so the record adds it
//   to HostConfig.Mounts by name. Podman 4.3 and 5.4 list every volume, named
//   or anonymous, in HostConfig.Binds with its options
//   ("name:/dest:rw,rprivate,nosuid,nodev,rbind"), and their create takes
//   that back as it is.
// - SizeRw of a container that wrote nothing: 0 on Docker 20.10 and 26
//   classic, 4096 on the containerd store (already at create), 12 bytes on
//   Podman 4.3 and about 10 KB on 5.4 after a start. /changes is what tells:
//   Docker lists the folder made for a volume (/vol, added), Podman lists /etc
//   as changed even in an image without one; neither is the container's data.
// - Podman reports Config.Image as a name (docker.io/keep/ctr:2) for a
//   container created by image ID; Docker reports what it was given.
// - Podman's Config.Env has its own entries besides the container's:
//   container=podman and HOSTNAME=<the ID's prefix> on both, TERM=xterm on 4.3,
//   HOME= on 5.4. The HOSTNAME one is dropped.
// - Podman answers a commit with the bare hex ID (the CLI prints it so);
//   commitWritableLayer reads the ID back through the tag instead.
// - Podman 5.4's HostConfig carries the ulimits it applied (NOFILE, NPROC);
//   the record keeps them, as the old container had them.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  commitWritableLayer,
  containerCopyCommands,
  ContainerNameTaken,
  describeContainer,
  recreateContainer,
} from '../../src-main/trash/container-copy';
import { loadImageArchive, saveImageArchive } from '../../src-main/trash/image-archive';
import { runDockerLine, shellSplit } from './support/docker-cli';
import { normalizeImageId } from '../../src-shared/ids';
import { readTarEntries } from '../../src-main/trash/tar-reader';
import { resetEngine } from '../engines/harness';
import { buildImage } from '../engines/fixtures';
import { describeEachEngine } from '../engines/use-engines';

const SH = ['/bin/busybox', 'sh', '-c'];

/** A file's contents out of a container, as `docker cp` reads it (works on a stopped one). */
async function fileIn(docker: Dockerode, containerId: string, path: string): Promise<string | null> {
  const stream = (await docker
    .getContainer(containerId)
    .getArchive({ path })
    .catch((err: { statusCode?: number }) => {
      if (err.statusCode === 404) return null;
      throw err;
    })) as unknown as Readable | null;
  if (!stream) return null;
  for await (const entry of readTarEntries(stream)) return entry.body.toString('utf8');
  return null;
}

async function runToExit(docker: Dockerode, id: string): Promise<number> {
  const c = docker.getContainer(id);
  await c.start();
  const { StatusCode } = (await c.wait()) as { StatusCode: number };
  return StatusCode;
}

describeEachEngine('a stopped container kept in the trash, and made again', (engine) => {
  const { docker } = engine;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bn-ctr-'));
  });
  beforeEach(async () => {
    await resetEngine(docker);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await resetEngine(docker);
  });

  it('records it, commits what it wrote, and re-creates it from the archive with its volume', async () => {
    const imageId = await buildImage(docker, { tag: 'keep/ctr:1', runs: ['echo base > /base.txt'] });
    await docker.createVolume({ Name: 'bn-ctr-vol' });
    const cmd = [...SH, 'echo hi > /data.txt && echo "$GREETING" >> /vol/v.txt'];
    const made = await docker.createContainer({
      name: 'bn-kept',
      Image: 'keep/ctr:1',
      Cmd: cmd,
      Env: ['GREETING=hello there'],
      Labels: { 'bn.role': 'kept', 'bn.quote': "it's" },
      WorkingDir: '/',
      HostConfig: {
        NetworkMode: 'none',
        Binds: ['bn-ctr-vol:/vol'],
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 },
      },
    });
    expect(await runToExit(docker, made.id)).toBe(0);

    const copy = await describeContainer(docker, made.id);
    expect(copy).toMatchObject({ id: made.id, name: 'bn-kept', imageId });
    expect(copy.imageRef).toMatch(/keep\/ctr:1$/);
    expect(copy.wroteBytes).toBeGreaterThan(0);
    // What it wrote into the volume is not in its layer; the folder made for the mount does not count.
    expect(copy).toMatchObject({ wroteData: true, changedPaths: ['/data.txt'] });
    expect(copy.create.Cmd).toEqual(cmd);
    expect(copy.create.Env).toContain('GREETING=hello there');
    expect(copy.create.HostConfig.NetworkMode).toBe('none');
    // A plain JSON record: it goes into a file beside the archive.
    expect(JSON.parse(JSON.stringify(copy))).toEqual(copy);

    const committed = await commitWritableLayer(docker, made.id, 'barnacle-trash/plan-1:s1');
    expect(committed).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(committed).not.toBe(imageId);
    const archive = join(dir, 'kept.tar.gz');
    await saveImageArchive(docker, [imageId, committed], archive);

    // The removal as a plan does it: the container (its volume stays), then the
    // committed image by its tag, then the original.
    await docker.getContainer(made.id).remove();
    await docker.getImage('barnacle-trash/plan-1:s1').remove();
    await docker.getImage(imageId).remove({ force: true });
    for (const id of [imageId, committed]) {
      await expect(docker.getImage(id).inspect()).rejects.toMatchObject({ statusCode: 404 });
    }
    await docker.getVolume('bn-ctr-vol').inspect();

    const loaded = await loadImageArchive(docker, archive);
    expect([...loaded].sort()).toEqual([imageId, committed].sort());
    const again = await recreateContainer(docker, copy, committed);
    expect(again).not.toBe(made.id);

    const back = await docker.getContainer(again).inspect();
    expect(back.Name).toBe('/bn-kept');
    expect(back.State.Status).toBe('created');
    expect(back.Config.Cmd).toEqual(cmd);
    expect(back.Config.Env).toContain('GREETING=hello there');
    expect(back.Config.Labels).toMatchObject({ 'bn.role': 'kept', 'bn.quote': "it's" });
    expect(back.HostConfig).toMatchObject({
      NetworkMode: 'none',
      RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 },
    });
    const vol = back.Mounts.find((m) => m.Destination === '/vol');
    expect(vol).toMatchObject({ Type: 'volume', Name: 'bn-ctr-vol' });
    // What it wrote came back with the committed layer, before anything ran in it.
    expect(await fileIn(docker, again, '/data.txt')).toBe('hi\n');
    expect(await fileIn(docker, again, '/base.txt')).toBe('base\n');
    // It starts, and appends to the very volume the first run wrote into.
    expect(await runToExit(docker, again)).toBe(0);
    expect(await fileIn(docker, again, '/vol/v.txt')).toBe('hello there\nhello there\n');
  });

  it('keeps an anonymous volume by its name: the re-created container mounts the same one', async () => {
    const imageId = await buildImage(docker, { tag: 'keep/ctr:4', runs: ['echo four > /four.txt'] });
    const made = await docker.createContainer({
      name: 'bn-anon',
      Image: imageId,
      Cmd: [...SH, 'echo cached >> /cache/c.txt'],
      Volumes: { '/cache': {} },
      HostConfig: { NetworkMode: 'none' },
    });
    expect(await runToExit(docker, made.id)).toBe(0);
    const anon = (await made.inspect()).Mounts.find((m) => m.Destination === '/cache')!.Name!;
    expect(anon).toMatch(/^[0-9a-f]{64}$/);
    const copy = await describeContainer(docker, made.id);
    if (engine.kind === 'docker') {
      expect(copy.create.HostConfig.Mounts).toEqual([
        { Type: 'volume', Source: anon, Target: '/cache', ReadOnly: false },
      ]);
    } else {
      expect(copy.create.HostConfig.Mounts).toBeUndefined();
      expect(copy.create.HostConfig.Binds).toEqual([expect.stringMatching(new RegExp(`^${anon}:/cache(:|$)`))]);
    }
    // Only the volume was written to: no layer to keep.
    expect(copy.wroteData).toBe(false);
    await docker.getContainer(made.id).remove();
    await docker.getVolume(anon).inspect();
    const again = await recreateContainer(docker, copy, copy.imageId);
    const back = await docker.getContainer(again).inspect();
    expect(back.Mounts.filter((m) => m.Destination === '/cache').map((m) => m.Name)).toEqual([anon]);
    expect(await runToExit(docker, again)).toBe(0);
    expect(await fileIn(docker, again, '/cache/c.txt')).toBe('cached\ncached\n');
  });

  it('shows docker CLI lines that, run with the real docker CLI, record and commit the same', async () => {
    const imageId = await buildImage(docker, { tag: 'keep/ctr:5', runs: ['echo five > /five.txt'] });
    const made = await docker.createContainer({
      name: 'bn-cli',
      Image: imageId,
      Cmd: [...SH, 'echo hi > /data.txt'],
      HostConfig: { NetworkMode: 'none' },
    });
    expect(await runToExit(docker, made.id)).toBe(0);
    const copy = await describeContainer(docker, made.id);
    const file = join(dir, "cli o'copy", 'inspect.json');
    const [inspectLine, commitLine, ...rest] = containerCopyCommands({
      containerId: made.id,
      inspectFile: file,
      commitRef: 'barnacle-trash/plan-cli:s1',
    });
    expect(rest).toEqual([]);
    // runDockerLine takes no redirection: the CLI runs the left side, the file is written here.
    const [command, target] = inspectLine!.split(' > ');
    expect(shellSplit(target!)).toEqual([file]);
    const inspected = await runDockerLine(engine.host, command!);
    expect(inspected.code, inspected.stderr).toBe(0);
    mkdirSync(join(dir, "cli o'copy"), { recursive: true });
    writeFileSync(file, inspected.stdout);
    const [fromCli] = JSON.parse(readFileSync(file, 'utf8')) as { Id: string; Name: string; SizeRw?: number }[];
    expect(fromCli).toMatchObject({ Id: made.id, Name: '/bn-cli', SizeRw: copy.wroteBytes });

    const committed = await runDockerLine(engine.host, commitLine!);
    expect(committed.code, committed.stderr).toBe(0);
    const image = await docker.getImage('barnacle-trash/plan-cli:s1').inspect();
    // Podman 4.3 and 5.4 answer the commit with the bare hex ID, Docker with sha256:….
    expect(normalizeImageId(committed.stdout.trim())).toBe(image.Id);
    const fromImage = await docker.createContainer({
      Image: image.Id,
      Cmd: ['/bin/busybox', 'true'],
      HostConfig: { NetworkMode: 'none' },
    });
    expect(await fileIn(docker, fromImage.id, '/data.txt')).toBe('hi\n');
  });

  it('needs no commit for a container that wrote nothing, and re-creates it on its own image', async () => {
    const imageId = await buildImage(docker, { tag: 'keep/ctr:2', runs: ['echo two > /two.txt'] });
    const made = await docker.createContainer({
      name: 'bn-quiet',
      Image: imageId,
      Cmd: ['/bin/busybox', 'true'],
      Hostname: 'quiet-host',
      HostConfig: { NetworkMode: 'none' },
    });
    expect(await runToExit(docker, made.id)).toBe(0);
    const copy = await describeContainer(docker, made.id);
    // SizeRw is no test for it: 0 on Docker 20.10 and 26 classic, 4096 on the
    // containerd store (right from create), 12 bytes on Podman 4.3 and about
    // 10 KB on Podman 5.4 (its own /etc files; it reports /etc as changed).
    expect(copy).toMatchObject({ wroteData: false, changedPaths: [] });
    // A hostname someone chose is kept; the default (the old ID's prefix) never is.
    expect(copy.create.Hostname).toBe('quiet-host');
    await docker.getContainer(made.id).remove();
    const again = await recreateContainer(docker, copy, copy.imageId);
    const back = await docker.getContainer(again).inspect();
    expect(back).toMatchObject({ Name: '/bn-quiet', Image: imageId });
    expect(back.Config.Hostname).toBe('quiet-host');
    expect(await runToExit(docker, again)).toBe(0);
  });

  it('refuses a name another container has now, and changes nothing', async () => {
    const imageId = await buildImage(docker, { tag: 'keep/ctr:3', runs: ['echo three > /three.txt'] });
    const made = await docker.createContainer({
      name: 'bn-taken',
      Image: imageId,
      Cmd: ['/bin/busybox', 'true'],
      HostConfig: { NetworkMode: 'none' },
    });
    const copy = await describeContainer(docker, made.id);
    await docker.getContainer(made.id).remove();
    const other = await docker.createContainer({
      name: 'bn-taken',
      Image: imageId,
      Cmd: ['/bin/busybox', 'sleep', '1'],
      HostConfig: { NetworkMode: 'none' },
    });
    const before = (await docker.listContainers({ all: true })).map((c) => [c.Id, c.Names]);
    const err = (await recreateContainer(docker, copy, imageId).catch((e: unknown) => e)) as ContainerNameTaken;
    expect(err).toBeInstanceOf(ContainerNameTaken);
    expect(err).toMatchObject({ containerName: 'bn-taken', holder: other.id });
    expect((await docker.listContainers({ all: true })).map((c) => [c.Id, c.Names])).toEqual(before);
  });
});
