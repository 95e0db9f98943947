// The containers table's pure parts: which image a container shows, the images
// the ancestor filter offers, and the state filter. The family an ancestor
// stands for is src-shared/image-family.ts, the one the planner counts.

import { containerImageTag } from '../../src-shared/display-names';
import { isActiveState } from '../../src-shared/container-state';
import type { ContainerSummary, ImageSummary } from '../../src-shared/model';
import { shortId } from '../../src-shared/ids';

export type StateFilter = 'all' | 'running' | 'stopped';

/** The image as a person knows it: the tag it was created from if that still points at it, another tag, or a short ID when dangling. */
export function imageLabel(c: ContainerSummary, byId: Map<string, ImageSummary>): { text: string; dangling: boolean } {
  const tag = containerImageTag(c.imageRef, byId.get(c.imageId)?.tags ?? []);
  return tag === null ? { text: shortId(c.imageId), dangling: true } : { text: tag, dangling: false };
}

/** Images worth offering in the ancestor filter: those containers use, and their parents. */
export function ancestorChoices(images: ImageSummary[], containers: ContainerSummary[]): ImageSummary[] {
  const byId = new Map(images.map((i) => [i.id, i]));
  const ids = new Set<string>();
  for (const c of containers) {
    let id: string | null = c.imageId;
    while (id && !ids.has(id)) {
      ids.add(id);
      id = byId.get(id)?.parent ?? null;
    }
  }
  return images.filter((i) => ids.has(i.id));
}

export function filterContainers(
  containers: ContainerSummary[],
  state: StateFilter,
  family: Set<string> | null,
): ContainerSummary[] {
  return containers.filter(
    (c) =>
      (state === 'all' || (state === 'running') === isActiveState(c.state)) &&
      (family === null || family.has(c.imageId)),
  );
}
