// What a plan really freed, measured by the engine: Docker's /system/df before
// and after (LayersSize: every image layer on disk, counted once; plus the
// writable layers of the containers the plan removed). Podman's compat API
// answers LayersSize 0, so there the plan's own figures are all we have.

import type Docker from 'dockerode';
import type { EngineKind } from '../../src-shared/model';
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

/** null when the engine cannot tell (Podman) or did not answer. */
export async function sampleUsage(docker: Docker, kind: EngineKind): Promise<UsageSample | null> {
  if (kind === 'podman') return null;
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
