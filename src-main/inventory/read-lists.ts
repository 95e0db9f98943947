// One round trip per list; both lists are read together so relations match.

import type Docker from 'dockerode';
import type { ContainerSummary, ImageSummary } from '../../src-shared/model';
import type { RawContainer, RawImage } from './engine-answers';
import { buildImageSummaries, toContainerSummary } from './relations';

export interface Lists {
  images: ImageSummary[];
  containers: ContainerSummary[];
}

export interface ReadListsOptions {
  includeIntermediate?: boolean;
  /** Ask for containers' writable-layer sizes: slower, the engine walks each layer. */
  containerSizes?: boolean;
}

export async function readLists(docker: Docker, options: ReadListsOptions = {}): Promise<Lists> {
  const [rawImages, rawContainers] = await Promise.all([
    // all=1 always: children and dangling need the intermediate images too.
    docker.listImages({ all: true }) as unknown as Promise<RawImage[]>,
    docker.listContainers({ all: true, size: options.containerSizes ?? false }) as unknown as Promise<RawContainer[]>,
  ]);
  const containers = rawContainers.map(toContainerSummary);
  const images = buildImageSummaries(rawImages ?? [], containers, {
    includeIntermediate: options.includeIntermediate ?? false,
  });
  return { images, containers };
}
