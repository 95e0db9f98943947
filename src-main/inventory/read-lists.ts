// One round trip per list; both lists are read together so relations match.

import type Docker from 'dockerode';
import type { ContainerSummary, ImageSummary } from '../../src-shared/model';
import type { RawContainer, RawImage } from './engine-answers';
import type { PullBackEngine } from './pull-back';
import { buildImageSummaries, toContainerSummary } from './relations';

export interface Lists {
  images: ImageSummary[];
  containers: ContainerSummary[];
  /**
   * Every image, intermediates included, with direct parents and children: what
   * the engine may delete along with an image (see planning/cascade.ts).
   */
  everyImage: ImageSummary[];
}

export interface ReadListsOptions {
  includeIntermediate?: boolean;
  /** Ask for containers' writable-layer sizes: slower, the engine walks each layer. */
  containerSizes?: boolean;
  /**
   * The engine the lists come from, for each image's `pullBack`. Without it every
   * image's pull-back is 'unknown' (warned about), never assumed.
   */
  engine?: PullBackEngine | null;
}

export async function readLists(docker: Docker, options: ReadListsOptions = {}): Promise<Lists> {
  const [rawImages, rawContainers] = await Promise.all([
    // all=1 always: children and dangling need the intermediate images too.
    docker.listImages({ all: true }) as unknown as Promise<RawImage[]>,
    docker.listContainers({ all: true, size: options.containerSizes ?? false }) as unknown as Promise<RawContainer[]>,
  ]);
  return listsFrom(rawImages, rawContainers, options);
}

/** The lists from the engine's two answers (`/images/json?all=1`, `/containers/json?all=1`). Pure. */
export function listsFrom(
  rawImages: readonly RawImage[] | null,
  rawContainers: readonly RawContainer[] | null,
  options: ReadListsOptions = {},
): Lists {
  // Docker omits SizeRw when it is 0 (omitempty): asked for sizes, a missing one is an empty layer, not an unknown.
  const containers = (rawContainers ?? []).map((c) =>
    toContainerSummary(options.containerSizes && c.SizeRw === undefined ? { ...c, SizeRw: 0 } : c),
  );
  const engine = options.engine ?? null;
  const images = [...(rawImages ?? [])];
  const everyImage = buildImageSummaries(images, containers, { includeIntermediate: true, engine });
  const shown = options.includeIntermediate
    ? everyImage
    : buildImageSummaries(images, containers, { includeIntermediate: false, engine });
  return { images: shown, containers, everyImage };
}

/** IDs of the images a list shows (intermediates hidden), known from the image answer alone. */
export function shownImageIds(rawImages: readonly RawImage[] | null): string[] {
  return buildImageSummaries([...(rawImages ?? [])], [], { includeIntermediate: false, engine: null }).map((i) => i.id);
}
