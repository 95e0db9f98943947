// Fixture images and containers, made only through the engine API (no CLI, no
// registry: everything is FROM scratch plus the host's static busybox).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { assertHarnessClient } from './guard.js';
import { tar, type TarEntry } from './tar.js';
import { libpodGet } from '../../src-main/inventory/libpod-api';

/**
 * The base every fixture builds on. Docker lists it as `barnacle-test/busybox:base`;
 * Podman's compat API qualifies it as `docker.io/barnacle-test/busybox:base` (not
 * `localhost/…`), and both accept the short name in inspect/remove/FROM.
 */
export const BASE_TAG = 'barnacle-test/busybox:base';
export const BUSYBOX = '/bin/busybox'; // Debian's busybox-static
const SH = ['/bin/busybox', 'sh', '-c'];

/** One line of the /build progress stream (Docker and Podman share the shape). */
interface BuildLine {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

/** Docker and Podman error bodies both surface as err.json.message in dockerode. */
function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number } | null)?.statusCode;
}

async function build(
  docker: Dockerode,
  tag: string,
  context: TarEntry[],
  options: Dockerode.ImageBuildOptions,
): Promise<string> {
  const stream = await docker.buildImage(Readable.from([tar(context)]), {
    t: tag,
    // Classic builder on Docker 20.10 (the /build default); rm+forcerm so no
    // intermediate containers survive, network none because there is none.
    rm: true,
    forcerm: true,
    networkmode: 'none',
    ...options,
  });
  const lines = await new Promise<BuildLine[]>((resolve, reject) => {
    docker.modem.followProgress(stream, (err, out: BuildLine[]) => (err ? reject(err) : resolve(out)));
  });
  const failed = lines.find((l) => l.error !== undefined || l.errorDetail !== undefined);
  if (failed) {
    const log = lines.map((l) => l.stream ?? '').join('');
    throw new Error(`build of ${tag} failed: ${failed.error ?? failed.errorDetail?.message}\n${log}`);
  }
  const id = lines
    .map((l) => l.aux?.ID)
    .filter((x): x is string => typeof x === 'string')
    .pop();
  return id ?? (await docker.getImage(tag).inspect()).Id;
}

/** Builds `barnacle-test/busybox:base` unless present; returns its image id. */
export async function ensureBaseImage(docker: Dockerode): Promise<string> {
  assertHarnessClient(docker);
  try {
    return (await docker.getImage(BASE_TAG).inspect()).Id;
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
  return build(
    docker,
    BASE_TAG,
    [
      { name: 'Dockerfile', data: Buffer.from('FROM scratch\nCOPY busybox /bin/busybox\n') },
      { name: 'busybox', data: readFileSync(BUSYBOX), mode: 0o755 },
    ],
    {},
  );
}

export interface BuildSpec {
  tag: string;
  /** Default: the base image. */
  from?: string;
  /** Destination path in the image → content; one COPY layer each, in order. */
  files?: Record<string, string | Buffer>;
  /** busybox sh commands; one RUN layer each, after the files. */
  runs?: string[];
  labels?: Record<string, string>;
  noCache?: boolean;
}

/** Builds a fixture image and returns its id (`sha256:…`). */
export async function buildImage(docker: Dockerode, spec: BuildSpec): Promise<string> {
  assertHarnessClient(docker);
  const context: TarEntry[] = [];
  // JSON forms throughout, so paths and commands need no Dockerfile quoting.
  const lines = [`FROM ${spec.from ?? BASE_TAG}`];
  Object.entries(spec.files ?? {}).forEach(([dest, content], i) => {
    context.push({ name: `f${i}`, data: Buffer.from(content) });
    lines.push(`COPY ${JSON.stringify([`f${i}`, dest])}`);
  });
  for (const run of spec.runs ?? []) lines.push(`RUN ${JSON.stringify([...SH, run])}`);
  context.unshift({ name: 'Dockerfile', data: Buffer.from(lines.join('\n') + '\n') });
  return build(docker, spec.tag, context, { labels: spec.labels ?? {}, nocache: spec.noCache ?? false });
}

/**
 * A build that fails at its RUN with rm=0&forcerm=0, as `podman build --rm=false` of a
 * broken Dockerfile does: Podman (4.3 and 5.4) leaves buildah's working container in
 * its store, listed only by its own API with external=true. `writes` bytes go into the
 * container's writable layer first. Resolves once the build has failed.
 */
export async function failBuildLeavingContainer(
  docker: Dockerode,
  spec: { from: string; writes?: number },
): Promise<void> {
  assertHarnessClient(docker);
  const write = spec.writes ? `head -c ${spec.writes} /dev/urandom > /left-behind && ` : '';
  const dockerfile = `FROM ${spec.from}\nRUN ${JSON.stringify([...SH, `${write}exit 3`])}\n`;
  const failure = await build(
    docker,
    'barnacle-test/failed:build',
    [{ name: 'Dockerfile', data: Buffer.from(dockerfile) }],
    { rm: false, forcerm: false },
  ).then(
    () => null,
    (err: unknown) => err as Error,
  );
  if (!failure || !/exit status 3|returned a non-zero code: 3/.test(failure.message)) {
    throw new Error(`the build was meant to fail at its RUN: ${failure?.message ?? 'it succeeded'}`);
  }
}

/** Podman: the containers its builds left (none on Docker, whose path answers 404). */
export async function buildContainerIds(docker: Dockerode): Promise<string[]> {
  const listed = await libpodGet<{ Id: string; State?: string }[] | null>(docker, '/libpod/containers/json', {
    all: 'true',
    external: 'true',
  }).catch((err: unknown) => {
    if (statusOf(err) === 404) return [];
    throw err;
  });
  return (listed ?? []).filter((c) => c.State === 'storage').map((c) => c.Id);
}

export async function tagImage(docker: Dockerode, id: string, repo: string, tag: string): Promise<void> {
  assertHarnessClient(docker);
  await docker.getImage(id).tag({ repo, tag });
}

export interface RunSpec {
  name?: string;
  /** false: started, then stopped (State.Status "exited"). */
  running: boolean;
  /** Default: ['/bin/busybox', 'sleep', '3600']. */
  cmd?: string[];
  labels?: Record<string, string>;
  /** Size of a file (/barnacle-fill) put into the writable layer before the start. */
  writeBytes?: number;
}

/** Creates a container on `image` (network none) in the requested state; returns its id. */
export async function runContainer(docker: Dockerode, image: string, spec: RunSpec): Promise<string> {
  assertHarnessClient(docker);
  const container = await docker.createContainer({
    Image: image,
    ...(spec.name !== undefined ? { name: spec.name } : {}),
    Cmd: spec.cmd ?? ['/bin/busybox', 'sleep', '3600'],
    Labels: spec.labels ?? {},
    // sleep as PID 1 ignores SIGTERM: a short timeout keeps engine shutdown fast.
    StopTimeout: 1,
    HostConfig: { NetworkMode: 'none' },
  });
  if (spec.writeBytes !== undefined) {
    // putArchive works on a created container on both engines, whatever its cmd.
    await container.putArchive(tar([{ name: 'barnacle-fill', data: Buffer.alloc(spec.writeBytes) }]), { path: '/' });
  }
  await container.start();
  if (!spec.running) {
    await container.stop({ t: 0 }).catch((err: unknown) => {
      if (statusOf(err) !== 304) throw err; // 304: the cmd already exited
    });
    await container.wait();
  }
  const { State } = await container.inspect();
  if (State.Running !== spec.running) {
    throw new Error(`container ${container.id} is ${State.Status}, wanted ${spec.running ? 'running' : 'stopped'}`);
  }
  return container.id;
}

/** Removes every container, running ones by SIGKILL (Podman's force-remove waits StopTimeout first). */
export async function removeAllContainers(docker: Dockerode): Promise<void> {
  assertHarnessClient(docker);
  // Podman's builds' leftovers first: they hold their images. Only force removes them.
  for (const id of await buildContainerIds(docker)) await docker.getContainer(id).remove({ force: true });
  for (const info of await docker.listContainers({ all: true })) {
    const c = docker.getContainer(info.Id);
    if (info.State === 'running' || info.State === 'paused') await c.kill().catch(() => {});
    await c.remove({ force: true, v: true }).catch((err: unknown) => {
      if (statusOf(err) !== 404) throw err;
    });
  }
}

/** Docker lists `repo:tag`, Podman `docker.io/repo:tag` or `docker.io/library/name:tag`. */
function shortName(tag: string): string {
  return tag.replace(/^docker\.io\/(library\/)?/, '');
}

/**
 * Back to a clean engine: no containers, no volumes, no images but the base
 * (built if missing). Test files call this in beforeAll.
 */
export async function resetEngine(docker: Dockerode): Promise<void> {
  assertHarnessClient(docker);
  await removeAllContainers(docker);
  const baseId = await ensureBaseImage(docker);
  for (let round = 0; ; round++) {
    const images = await docker.listImages({ all: true });
    const extraBaseTags = images
      .filter((i) => i.Id === baseId)
      .flatMap((i) => i.RepoTags ?? [])
      .filter((t) => shortName(t) !== BASE_TAG && t !== '<none>:<none>');
    const others = images.filter((i) => i.Id !== baseId);
    if (others.length === 0 && extraBaseTags.length === 0) break;
    if (round >= 10) {
      throw new Error(`resetEngine: could not remove ${[...others.map((i) => i.Id), ...extraBaseTags].join(', ')}`);
    }
    for (const tag of extraBaseTags)
      await docker
        .getImage(tag)
        .remove()
        .catch(() => {});
    // Force by id removes every tag; parents refuse while children exist (409)
    // and go in a later round, or with their last child.
    for (const image of others)
      await docker
        .getImage(image.Id)
        .remove({ force: true })
        .catch(() => {});
  }
  // Docker 23+'s prune keeps named volumes (it takes anonymous ones only): those go by name.
  await docker.pruneVolumes();
  for (const v of (await docker.listVolumes()).Volumes ?? []) await docker.getVolume(v.Name).remove();
}

export interface LoadSpec {
  /** Tags to give the loaded image, e.g. ['local/made:1']. */
  tags: string[];
  /** The image's build date as its config records it (what `docker images` shows as CREATED). */
  created: Date;
  /** Files of the single layer (path → content); busybox is added so containers can run. */
  files?: Record<string, string | Buffer>;
  labels?: Record<string, string>;
}

/**
 * Loads an image that no registry has, as `docker load` of a file would: a
 * `docker save`-format archive made here (one layer: busybox plus `files`),
 * with the build date chosen by the test. Returns the image id the engine gives it.
 */
export async function loadImage(docker: Dockerode, spec: LoadSpec): Promise<string> {
  assertHarnessClient(docker);
  const layer = tar([
    { name: 'bin/busybox', data: readFileSync(BUSYBOX), mode: 0o755 },
    ...Object.entries(spec.files ?? {}).map(([path, data]) => ({
      name: path.replace(/^\//, ''),
      data: Buffer.from(data),
    })),
  ]);
  const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
  const diffId = `sha256:${sha(layer)}`;
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: spec.created.toISOString(),
      config: { Cmd: ['/bin/busybox', 'sh'], Labels: spec.labels ?? {} },
      rootfs: { type: 'layers', diff_ids: [diffId] },
      history: [{ created: spec.created.toISOString(), created_by: 'barnacle-test loadImage' }],
    }),
  );
  const configName = `${sha(config)}.json`;
  const layerName = `${sha(layer)}/layer.tar`;
  const manifest = [{ Config: configName, RepoTags: spec.tags, Layers: [layerName] }];
  const archive = tar([
    { name: configName, data: config },
    { name: layerName, data: layer },
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) },
  ]);
  const stream = await docker.loadImage(Readable.from([archive]), { quiet: true });
  const lines = await new Promise<BuildLine[]>((resolve, reject) => {
    docker.modem.followProgress(stream, (err, out: BuildLine[]) => (err ? reject(err) : resolve(out)));
  });
  const failed = lines.find((l) => l.error !== undefined || l.errorDetail !== undefined);
  if (failed) throw new Error(`load of ${spec.tags.join(', ')} failed: ${failed.error ?? failed.errorDetail?.message}`);
  const first = spec.tags[0];
  if (!first) throw new Error('loadImage needs a tag');
  return (await docker.getImage(first).inspect()).Id;
}
