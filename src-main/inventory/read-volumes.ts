// Every volume with what the Volumes screen, the planner and `barnacle volumes`
// need: anonymous or named (by the engine's own mark, src-shared/volumes.ts),
// the containers that mount it, and its size from the engine's disk usage.

import type Docker from 'dockerode';
import type { ContainerSummary, EngineInfo, VolumeList, VolumeSummary } from '../../src-shared/model';
import { anonymityOf, COMPOSE_PROJECT_LABEL, volumeUsers } from '../../src-shared/volumes';
import { fetchDf } from './disk-usage';
import { libpodGet } from './libpod-api';

interface RawVolume {
  Name: string;
  Driver?: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
}

interface PodmanVolume {
  Name: string;
  Anonymous?: boolean;
}

export interface ReadVolumesOptions {
  /** Ask the engine's disk usage for sizes: it walks every volume (seconds on a big host). */
  sizes?: boolean;
  now?: () => number;
}

/** Podman's own list says which volumes are anonymous; its compat list does not. */
async function podmanAnonymous(docker: Docker): Promise<Map<string, boolean>> {
  const volumes = (await libpodGet<PodmanVolume[] | null>(docker, '/libpod/volumes/json')) ?? [];
  return new Map(volumes.map((v) => [v.Name, v.Anonymous === true]));
}

/** Docker marks anonymous volumes by label from 23.0 (API 1.42) on. */
const dockerMarks = (engine: EngineInfo): boolean => {
  const [major, minor] = engine.apiVersion.split('.').map(Number);
  return (major ?? 0) > 1 || (major === 1 && (minor ?? 0) >= 42);
};

async function volumeSizes(docker: Docker): Promise<Map<string, number | null>> {
  const df = await fetchDf(docker, ['volume']);
  const sizes = new Map<string, number | null>();
  for (const v of df.Volumes ?? []) {
    const size = v.UsageData?.Size;
    // -1: the engine did not measure it (a driver that cannot tell).
    if (v.Name) sizes.set(v.Name, typeof size === 'number' && size >= 0 ? size : null);
  }
  return sizes;
}

export async function readVolumes(
  docker: Docker,
  engine: EngineInfo,
  containers: readonly ContainerSummary[],
  options: ReadVolumesOptions = {},
): Promise<VolumeList> {
  const now = options.now ?? Date.now;
  const [listed, podmanFlags, sizes] = await Promise.all([
    docker.listVolumes() as unknown as Promise<{ Volumes?: RawVolume[] | null }>,
    engine.kind === 'podman' ? podmanAnonymous(docker).catch(() => null) : Promise.resolve(null),
    // Sizes are a nicety: a failed disk-usage call leaves them unknown, the list still stands.
    options.sizes ? volumeSizes(docker).catch(() => null) : Promise.resolve(null),
  ]);
  const takenAt = now();
  const users = volumeUsers(containers);
  const volumes = (listed.Volumes ?? []).map((raw): VolumeSummary => {
    const labels = raw.Labels ?? {};
    const engineField = podmanFlags?.get(raw.Name);
    const { anonymous, by } = anonymityOf({
      name: raw.Name,
      labels,
      ...(engineField === undefined ? {} : { engineField }),
      engineMarks: podmanFlags !== null || (engine.kind === 'docker' && dockerMarks(engine)),
    });
    return {
      name: raw.Name,
      driver: raw.Driver ?? 'local',
      anonymous,
      anonymousBy: by,
      createdAt: raw.CreatedAt || null,
      labels,
      composeProject: labels[COMPOSE_PROJECT_LABEL] ?? null,
      size: sizes?.get(raw.Name) ?? null,
      users: users.get(raw.Name) ?? [],
    };
  });
  volumes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { volumes, takenAt, sizesAt: sizes ? takenAt : null };
}
