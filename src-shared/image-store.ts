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
