// Where an engine keeps its images, the one fact behind most differences between
// engines: bytes freed, the clock `prune --filter until` reads, which untagged
// parents go with an image, which fixes exist. Podman reports its own storage as
// the classic kind in EngineInfo; here it is a store of its own.

import type { EngineInfo } from './model';

export type StoreFamily = 'classic' | 'containerd' | 'podman';

export function storeFamilyOf(engine: Pick<EngineInfo, 'kind' | 'imageStore'>): StoreFamily {
  if (engine.kind === 'podman') return 'podman';
  return engine.imageStore === 'containerd' ? 'containerd' : 'classic';
}

/**
 * Whether the engine's own `prune --filter until` reads when an image arrived on it
 * rather than its build date: Docker's containerd image store compares the until
 * cut-off with the time its image record was made (a pull, load, tag or build on
 * this engine), which the API shows nowhere but in the answer to that filter.
 * The planner picks its clock by it and the prune dialog offers the choice by it.
 */
export function usesArrivalClock(engine: Pick<EngineInfo, 'kind' | 'imageStore'>): boolean {
  return storeFamilyOf(engine) === 'containerd';
}
