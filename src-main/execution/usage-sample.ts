// What a plan really freed, measured by the engine: Docker's /system/df before
// and after (LayersSize: every image layer on disk, counted once; plus the
// writable layers of the containers the plan removed). Podman's compat API
// answers LayersSize 0, so there the plan's own figures are all we have.

import type Docker from 'dockerode';
import { storeFamilyOf } from '../../src-shared/image-store';
import type { EngineInfo } from '../../src-shared/model';
import { fetchDf } from '../inventory/disk-usage';

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

/** null when the engine cannot tell (see unmeasurableBecause) or did not answer. */
export async function sampleUsage(
  docker: Docker,
  engine: Pick<EngineInfo, 'kind' | 'imageStore'>,
): Promise<UsageSample | null> {
  if (unmeasurableBecause(engine)) return null;
  try {
    const df = (await fetchDf(docker)) as DfWithContainerIds;
    if (typeof df.LayersSize !== 'number') return null;
    const containerRw = new Map<string, number>();
    for (const c of df.Containers ?? []) if (c.Id) containerRw.set(c.Id, Math.max(0, c.SizeRw ?? 0));
    return { layersSize: df.LayersSize, containerRw };
  } catch {
    return null;
  }
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
