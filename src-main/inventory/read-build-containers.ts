// The containers Podman's builds left behind. Buildah makes a "working
// container" for each build stage; a build that fails with --rm=false (or is
// killed) leaves it in the store, mounted. The compat list never shows it; only
// Podman's own list with external=true does, marked State "storage" and Command
// "buildah" (seen live on 4.3 and 5.4). Other external containers (CRI-O's, say)
// are someone else's and are left alone.

import type Docker from 'dockerode';
import type { BuildContainer, EngineInfo, ImageSummary } from '../../src-shared/model';
import { normalizeImageId } from '../../src-shared/ids';
import { libpodGet } from './libpod-api';

interface ExternalContainer {
  Id: string;
  Names?: string[] | null;
  Image?: string;
  ImageID?: string;
  Created?: string;
  State?: string;
  Command?: string[] | null;
}

/** Buildah's own, by Podman's mark: an external (storage) container whose command is "buildah". */
export function isBuildContainer(c: ExternalContainer): boolean {
  return c.State === 'storage' && (c.Command ?? [])[0] === 'buildah';
}

export function toBuildContainer(c: ExternalContainer): BuildContainer {
  return {
    id: c.Id,
    name: (c.Names ?? [])[0] ?? c.Id.slice(0, 12),
    image: c.Image ?? '',
    imageId: normalizeImageId(c.ImageID ?? ''),
    createdAt: c.Created ?? '',
  };
}

/** Podman's leftover build containers; Docker's builds leave none (BuildKit keeps records instead). */
export async function readBuildContainers(docker: Docker, engine: Pick<EngineInfo, 'kind'>): Promise<BuildContainer[]> {
  if (engine.kind !== 'podman') return [];
  const listed = await libpodGet<ExternalContainer[] | null>(docker, '/libpod/containers/json', {
    all: 'true',
    external: 'true',
  });
  return (listed ?? []).filter(isBuildContainer).map(toBuildContainer);
}

/**
 * The lists with each image's build containers named (ImageSummary.buildContainers):
 * Podman refuses to remove an image one stands on, so the Images screen and the
 * planner both need to know.
 */
export function withBuildHolders<L extends { images: ImageSummary[]; everyImage: ImageSummary[] }>(
  lists: L,
  containers: readonly BuildContainer[],
): L {
  if (containers.length === 0) return lists;
  const held = new Map<string, string[]>();
  for (const c of containers) held.set(c.imageId, [...(held.get(c.imageId) ?? []), c.name]);
  const mark = (i: ImageSummary): ImageSummary => (held.has(i.id) ? { ...i, buildContainers: held.get(i.id)! } : i);
  return { ...lists, images: lists.images.map(mark), everyImage: lists.everyImage.map(mark) };
}
