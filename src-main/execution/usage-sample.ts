// What a plan really freed, measured by the engine: Docker's /system/df before
// and after (LayersSize: every image layer on disk, counted once; plus the
// writable layers of the containers the plan removed). Podman's compat API
// answers LayersSize 0, so there the plan's own figures are all we have.

import type Docker from 'dockerode';
import { storeFamilyOf } from '../../src-shared/image-store';
import type { EngineInfo } from '../../src-shared/model';
import { fetchDf } from '../inventory/disk-usage';
import { compareApiVersions } from '../engine/connection';

export interface UsageSample {
  layersSize: number;
  /** Writable-layer bytes per container ID. */
  containerRw: Map<string, number>;
}

interface DfWithContainerIds {
  LayersSize?: number;
  Containers?: { Id?: string; SizeRw?: number }[] | null;
}

/**
 * Why this engine's disk usage cannot measure what a plan frees, or null when it can.
 * Podman's compat API answers LayersSize 0. Docker's containerd image store counts
 * unpacked snapshots in LayersSize but not the content blobs that go with them
 * (about as many bytes again), so its figure would be half the truth.
 */
export function unmeasurableBecause(engine: Pick<EngineInfo, 'kind' | 'imageStore'>): string | null {
  const store = storeFamilyOf(engine);
  if (store === 'podman') return 'this engine reports no disk usage to measure with';
  if (store === 'containerd') {
    return "the containerd image store's disk usage counts unpacked layers but not the content blobs that go with them";
  }
  return null;
}

/** Whether df can be asked for image layers alone (`type=image`, API 1.42); before that it sizes every container. */
export function dfByType(engine: Pick<EngineInfo, 'apiVersion'>): boolean {
  return compareApiVersions(engine.apiVersion, '1.42') >= 0;
}

/**
 * null when the engine cannot tell (see unmeasurableBecause) or did not answer.
 * `containerIds`: the containers whose writable layers the plan removes. From API
 * 1.42 the engine is asked for its image layers alone, and those containers'
 * sizes by a list filtered to them: a whole df sizes every container on the host,
 * which on a host of 2,000 containers was most of a 200-image plan's time.
 */
export async function sampleUsage(
  docker: Docker,
  engine: Pick<EngineInfo, 'kind' | 'imageStore' | 'apiVersion'>,
  containerIds: readonly string[] = [],
): Promise<UsageSample | null> {
  if (unmeasurableBecause(engine)) return null;
  try {
    if (!dfByType(engine)) return fromDf((await fetchDf(docker)) as DfWithContainerIds);
    const [df, containers] = await Promise.all([
      fetchDf(docker, ['image']) as Promise<DfWithContainerIds>,
      containerIds.length
        ? (docker.listContainers({ all: true, size: true, filters: { id: [...containerIds] } }) as Promise<
            { Id?: string; SizeRw?: number }[]
          >)
        : Promise.resolve([]),
    ]);
    return fromDf({ LayersSize: df.LayersSize, Containers: containers });
  } catch {
    return null;
  }
}

function fromDf(df: DfWithContainerIds): UsageSample | null {
  if (typeof df.LayersSize !== 'number') return null;
  const containerRw = new Map<string, number>();
  for (const c of df.Containers ?? []) if (c.Id) containerRw.set(c.Id, Math.max(0, c.SizeRw ?? 0));
  return { layersSize: df.LayersSize, containerRw };
}

/**
 * Layers gone between the samples, plus the writable layers of the plan's
 * containers that are gone (other containers may grow meanwhile: not ours).
 */
export function measuredBytes(before: UsageSample, after: UsageSample, removedContainers: Iterable<string>): number {
  let bytes = before.layersSize - after.layersSize;
  for (const id of removedContainers) {
    bytes += (before.containerRw.get(id) ?? 0) - (after.containerRw.get(id) ?? 0);
  }
  // Something else built meanwhile can outgrow what went; freed space is never negative.
  return Math.max(0, bytes);
}
