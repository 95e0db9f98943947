// A stopped container kept in Barnacle's trash: its configuration as a plain
// record (what POST /containers/create needs to make it again) and, when it
// wrote data, its writable layer committed to an image that the caller saves
// into the same archive as the plan's other images (image-archive.ts).
//
// Volumes are references only: a named volume, a bind and an anonymous
// volume are all recorded by name or path and mounted again as they are. No
// volume data is read or copied; commit leaves mounted paths out of the layer.
//
// The create body is a whitelist of what inspect reports, not inspect's
// HostConfig as a whole: that also carries what the engine filled in itself
// (its runtime, masked paths, cgroup parents) which would pin the new
// container to choices the old one never made, and Podman's compat answer has
// fields its own create refuses back.

import type Docker from 'dockerode';
import { normalizeImageId } from '../../src-shared/ids';
import { shellWord } from '../../src-shared/shell-word';
import { containerNamed, imageNamed } from '../engine/handles';

/** The body of POST /containers/create, as JSON: Config fields at the top, HostConfig inside. */
export type ContainerCreateBody = Record<string, unknown> & { HostConfig: Record<string, unknown> };

export interface ContainerCopy {
  id: string;
  /** Without the leading '/'. */
  name: string;
  /** The image the container ran on (inspect .Image), full sha256:… */
  imageId: string;
  /** The reference it was created with (inspect .Config.Image), as the engine reports it. */
  imageRef: string;
  createdAt: string;
  /**
   * Bytes in its writable layer as the engine counts them (inspect SizeRw). Not
   * a test for "wrote nothing": the containerd store counts 4096 for an empty
   * layer, Podman its own /etc files (12 bytes on 4.3, about 10 KB on 5.4).
   */
  wroteBytes: number;
  /** Whether the container changed any file of its own: the caller commits the layer only then. */
  wroteData: boolean;
  /** The first of those paths (GET /containers/{id}/changes), to show what would be kept. */
  changedPaths: string[];
  /** Re-creates it, given an Image: see recreateContainer. */
  create: ContainerCreateBody;
}

/** The name belongs to another container now; nothing was created, renamed or removed. */
export class ContainerNameTaken extends Error {
  constructor(
    readonly containerName: string,
    readonly holder: string,
  ) {
    super(`the name ${containerName} is taken by container ${holder.slice(0, 12)}; nothing was created`);
  }
}

// Config fields a person can set at create time; the rest of Config is the
// engine's own (the image reference goes in apart, per restore).
const CONFIG_KEYS = [
  'Cmd',
  'Entrypoint',
  'Env',
  'Labels',
  'WorkingDir',
  'User',
  'ExposedPorts',
  'Tty',
  'OpenStdin',
  'StdinOnce',
  'StopSignal',
  'StopTimeout',
  'Domainname',
  'Volumes',
  'Healthcheck',
  'Shell',
] as const;

const HOST_CONFIG_KEYS = [
  'Binds',
  'Mounts',
  'PortBindings',
  'PublishAllPorts',
  'RestartPolicy',
  'NetworkMode',
  'VolumesFrom',
  'Tmpfs',
  'CapAdd',
  'CapDrop',
  'Privileged',
  'ReadonlyRootfs',
  'SecurityOpt',
  'Dns',
  'DnsOptions',
  'DnsSearch',
  'ExtraHosts',
  'GroupAdd',
  'IpcMode',
  'PidMode',
  'UTSMode',
  'UsernsMode',
  'ShmSize',
  'Sysctls',
  'Init',
  'Ulimits',
  'Devices',
  'Memory',
  'MemorySwap',
  'MemoryReservation',
  'NanoCpus',
  'CpuShares',
  'CpusetCpus',
  'PidsLimit',
  'OomScoreAdj',
] as const;

/** Left out when it says nothing: null, '', 0, false, [] and {} are the engine's defaults anyway. */
function says(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === 0 || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function pick(from: Record<string, unknown> | null | undefined, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (from && says(from[key])) out[key] = from[key];
  return out;
}

interface InspectMount {
  Type?: string;
  Name?: string;
  Source?: string;
  Destination?: string;
  RW?: boolean;
}

interface Inspected {
  Id: string;
  Name: string;
  Image: string;
  Created: string;
  SizeRw?: number;
  Config?: Record<string, unknown> & { Image?: string; Hostname?: string; Env?: string[] };
  HostConfig?: Record<string, unknown> & { Binds?: string[] | null; Mounts?: { Target?: string }[] | null };
  Mounts?: InspectMount[];
}

/** Reads the container once (with its size) and records what re-creating it takes. */
export async function describeContainer(docker: Docker, containerId: string): Promise<ContainerCopy> {
  // GET /containers/{id}/json?size=true: the engine answers SizeRw only when asked (@types/dockerode lacks `size`).
  const c = (await containerNamed(docker, containerId).inspect({
    size: true,
  } as Docker.ContainerInspectOptions)) as unknown as Inspected;
  const config = c.Config ?? {};
  const create: ContainerCreateBody = {
    ...pick(config, CONFIG_KEYS),
    HostConfig: pick(c.HostConfig, HOST_CONFIG_KEYS),
  };
  // The engine names a container's host after its ID unless told otherwise; the
  // new container gets its own ID, so only a chosen hostname is kept.
  const defaultHost = c.Id.slice(0, 12);
  if (config.Hostname && config.Hostname !== defaultHost) create.Hostname = config.Hostname;
  if (Array.isArray(create.Env)) {
    // Podman writes HOSTNAME=<its hostname> into Env itself; the old ID as a hostname would be wrong.
    create.Env = (create.Env as string[]).filter((e) => e !== `HOSTNAME=${defaultHost}`);
  }
  keepAnonymousVolumes(create, c.Mounts ?? []);
  const changed = await ownChanges(
    docker,
    c.Id,
    (c.Mounts ?? []).map((m) => m.Destination ?? ''),
  );
  return {
    id: c.Id,
    name: c.Name.replace(/^\//, ''),
    imageId: normalizeImageId(c.Image),
    imageRef: config.Image ?? '',
    createdAt: c.Created,
    wroteBytes: c.SizeRw ?? 0,
    wroteData: changed.length > 0,
    changedPaths: changed.slice(0, SHOWN_PATHS),
    create,
  };
}

const SHOWN_PATHS = 20;

// What the engine itself mounts into every container. Podman leaves its own
// files out of /changes but reports their folder /etc as changed, even in an
// image that has none. /etc/passwd is not here: a useradd in the container
// changes it, and that is the container's own data.
const ENGINE_OWN = [
  '/etc/hosts',
  '/etc/hostname',
  '/etc/resolv.conf',
  '/run/.containerenv',
  '/run/secrets',
  '/dev',
  '/proc',
  '/sys',
];

/**
 * The container's changes to its filesystem, less the engine's own: a mount
 * point (the folder made for a volume or bind) and any folder above one of
 * those or above an engine file. A change inside such a folder is still listed
 * in its own right, so nothing written there is missed.
 */
async function ownChanges(docker: Docker, id: string, mountPoints: string[]): Promise<string[]> {
  const raw: unknown = await containerNamed(docker, id).changes();
  // An empty layer: Docker answers JSON null, which dockerode hands over unparsed.
  const list = (Buffer.isBuffer(raw) || typeof raw === 'string' ? JSON.parse(raw.toString()) : raw) as
    { Path: string }[] | null;
  const theirs = [...ENGINE_OWN, ...mountPoints.filter((m) => m !== '')];
  const engines = (path: string) => theirs.some((t) => t === path || t.startsWith(path === '/' ? '/' : `${path}/`));
  return (list ?? []).map((c) => c.Path).filter((path) => !engines(path));
}

/**
 * A volume the image declared (VOLUME) and no bind or mount named: the engine
 * made an anonymous one for it. Config.Volumes alone would make a new, empty
 * one on re-create; the record names the old one instead, so its data is the
 * container's again.
 */
function keepAnonymousVolumes(create: ContainerCreateBody, mounts: InspectMount[]): void {
  const host = create.HostConfig;
  const binds = (host.Binds as string[] | undefined) ?? [];
  const listed = (host.Mounts as { Target?: string }[] | undefined) ?? [];
  const covered = new Set<string>([...binds.map((b) => b.split(':')[1] ?? ''), ...listed.map((m) => m.Target ?? '')]);
  const extra = mounts
    .filter((m) => m.Type === 'volume' && m.Name && m.Destination && !covered.has(m.Destination))
    .map((m) => ({ Type: 'volume', Source: m.Name, Target: m.Destination, ReadOnly: m.RW === false }));
  if (extra.length > 0) host.Mounts = [...listed, ...extra];
}

/**
 * POST /commit of the container's writable layer as `tagRef` (repo:tag), without
 * pausing it. Resolves with the new image's full ID, read back through the tag:
 * Podman (4.3, 5.4) answers the commit with bare hex, image inspect with sha256:…
 */
export async function commitWritableLayer(docker: Docker, containerId: string, tagRef: string): Promise<string> {
  const colon = tagRef.lastIndexOf(':');
  if (colon <= tagRef.lastIndexOf('/')) throw new Error(`not repo:tag: ${tagRef}`);
  await containerNamed(docker, containerId).commit({
    repo: tagRef.slice(0, colon),
    tag: tagRef.slice(colon + 1),
    pause: false,
  });
  const image = (await imageNamed(docker, tagRef).inspect()) as { Id: string };
  return normalizeImageId(image.Id);
}

/** The container that has this exact name now, or null (an ID prefix is not a name). */
async function holderOf(docker: Docker, name: string): Promise<string | null> {
  try {
    const c = (await containerNamed(docker, name).inspect()) as unknown as { Id: string; Name: string };
    return c.Name.replace(/^\//, '') === name ? c.Id : null;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
}

/**
 * Creates the container again under its old name on `imageToUse` (the committed
 * layer's image when there was one, else the original image) and resolves with
 * its new ID. Never starts it. A name held by another container throws
 * ContainerNameTaken and nothing is created, renamed or removed.
 */
export async function recreateContainer(docker: Docker, copy: ContainerCopy, imageToUse: string): Promise<string> {
  const before = await holderOf(docker, copy.name);
  if (before) throw new ContainerNameTaken(copy.name, before);
  try {
    const made = await docker.createContainer({
      ...(copy.create as Docker.ContainerCreateOptions),
      name: copy.name,
      Image: imageToUse,
    });
    return made.id;
  } catch (err) {
    // Taken between the look and the create: Docker says 409, Podman has said 500.
    const holder = await holderOf(docker, copy.name).catch(() => null);
    if (holder) throw new ContainerNameTaken(copy.name, holder);
    throw err;
  }
}

/**
 * The docker CLI lines that do what keeping the container does: its inspect
 * written to `inspectFile`, and, when it wrote data, the commit of its layer.
 */
export function containerCopyCommands(args: {
  containerId: string;
  inspectFile: string;
  commitRef?: string;
}): string[] {
  const id = shellWord(args.containerId);
  const lines = [`docker container inspect --size ${id} > ${shellWord(args.inspectFile)}`];
  if (args.commitRef !== undefined) lines.push(commitCommand(args.containerId, args.commitRef));
  return lines;
}

/** `docker commit` as keeping a container runs it: never paused (it is stopped), under the plan's name for it. */
export const commitCommand = (containerId: string, ref: string): string =>
  `docker commit --pause=false ${shellWord(containerId)} ${shellWord(ref)}`;
