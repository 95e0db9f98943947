// The engine's own storage measured on disk, for an engine on this machine.
// The data root comes from GET /info's DockerRootDir: Docker's --data-root, and
// on Podman's compat API its store's graphRoot (containers/podman
// pkg/api/handlers/compat/info.go, v4.3.1 and v5.4.2 alike, sets DockerRootDir
// from infoData.Store.GraphRoot, which the libpod /info gives as
// store.graphRoot, and Name from Host.Hostname), so one request serves both.
// An engine elsewhere (a VM, ssh://, tcp://) is measured only where the person
// allowed a helper container (helper-container.ts); else its level is unknown.

import { statfs } from 'node:fs/promises';
import { hostname } from 'node:os';
import type Docker from 'dockerode';
import type { EngineStorage } from '../../src-shared/disk-levels';
import type { EngineInfo } from '../../src-shared/model';
import { measureWithHelper } from './helper-container';
import { walkAllocated, type WalkFs } from './tree-walk';

interface InfoAnswer {
  DockerRootDir?: string;
  Name?: string;
  OperatingSystem?: string;
}

export interface StorageTarget {
  /** The endpoint's address: unix://, npipe://, tcp://, ssh://. */
  host: string;
  engine: Pick<EngineInfo, 'imageStore' | 'kind'>;
  info(): Promise<unknown>;
}

/** The person allowed a helper container for an engine whose data root is not on this machine. */
export interface HelperAllowed {
  docker: Docker;
  /** An image reference already on the engine (never pulled). */
  image: string;
}

export interface StorageOptions {
  signal?: AbortSignal;
  /** Milliseconds the walk may take before it reports what it has (partial). */
  budgetMs?: number;
  now?: () => number;
  /** This machine's name, to tell an engine here from one behind a forwarded socket. */
  hostName?: string;
  fs?: WalkFs;
  /** Measure nothing: the level is unknown ('walk-skipped'), at once (barnacle df --no-walk). */
  skip?: boolean;
  /** Where the engine is not here: measure with a helper container, within budgetMs (default 30 s). */
  helper?: HelperAllowed | null;
}

/** The helper's time when no budget is given: du over a big data root takes a while. */
const HELPER_DEFAULT_BUDGET_MS = 30_000;

/** A socket or pipe on this machine; ssh:// and tcp:// engines keep their files elsewhere. */
export function isLocalHost(host: string): boolean {
  return /^(unix|npipe):\/\//i.test(host);
}

/**
 * Docker Desktop, Podman machine, Colima and the like forward a local socket
 * into a VM: the engine's Name is then the VM's (docker-desktop, colima,
 * localhost.localdomain), not this machine's, and its DockerRootDir a path
 * inside the VM that may exist here too, as another engine's folder.
 */
export function runsHere(info: InfoAnswer, hostName: string): boolean {
  if (/docker desktop/i.test(info.OperatingSystem ?? '')) return false;
  return (info.Name ?? '') === hostName;
}

/**
 * Bytes free on the filesystem holding the engine's data root (statfs, no walk): what a
 * build cache plan's minFreeSpace counts from. Null where this machine cannot see the
 * engine's disk (remote, in a VM, no data root).
 */
export async function dataRootFreeBytes(target: StorageTarget, hostName: string = hostname()): Promise<number | null> {
  if (!isLocalHost(target.host)) return null;
  const info = (await target.info().catch(() => null)) as InfoAnswer | null;
  if (!info?.DockerRootDir || !runsHere(info, hostName)) return null;
  const fsStat = await statfs(info.DockerRootDir).catch(() => null);
  return fsStat ? fsStat.bavail * fsStat.bsize : null;
}

export async function measureEngineStorage(
  target: StorageTarget,
  options: StorageOptions = {},
): Promise<EngineStorage> {
  if (options.skip) return { state: 'unknown', reason: 'walk-skipped' };
  const local = isLocalHost(target.host);
  const helper = options.helper ?? null;
  if (!local && !helper) return { state: 'unknown', reason: 'remote-engine' };
  let info: InfoAnswer;
  try {
    info = (await target.info()) as InfoAnswer;
  } catch {
    return { state: 'unknown', reason: 'info-failed' };
  }
  const here = local && runsHere(info, options.hostName ?? hostname());
  const root = info.DockerRootDir;
  if (!here) {
    if (!helper) return { state: 'unknown', reason: 'engine-in-vm' };
    if (!root) return { state: 'unknown', reason: 'no-data-root' };
    return measureWithHelper({
      docker: helper.docker,
      engine: target.engine,
      image: helper.image,
      root,
      budgetMs: options.budgetMs ?? HELPER_DEFAULT_BUDGET_MS,
      ...(options.now ? { now: options.now } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }
  if (!root) return { state: 'unknown', reason: 'no-data-root' };
  const now = options.now ?? Date.now;
  const started = now();
  let walked;
  try {
    walked = await walkAllocated(root, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.budgetMs !== undefined ? { deadline: started + options.budgetMs } : {}),
      now,
      ...(options.fs ? { fs: options.fs } : {}),
    });
  } catch {
    return { state: 'unknown', reason: 'data-root-unreadable' };
  }
  const fsStat = await statfs(root).catch(() => null);
  const done = now();
  return {
    state: 'measured',
    via: 'walk',
    root,
    ...walked,
    filesystemFreeBytes: fsStat ? fsStat.bavail * fsStat.bsize : null,
    filesystemTotalBytes: fsStat ? fsStat.blocks * fsStat.bsize : null,
    imagesOutsideRoot: target.engine.imageStore === 'containerd',
    measuredAt: done,
    tookMs: done - started,
  };
}
