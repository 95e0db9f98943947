// The containers table's pure parts: which image a container shows, the
// `--filter ancestor=` family (the image and everything built on it, as the
// planner's selectStoppedContainers counts it), and the state filter.

import type { ContainerState, ContainerSummary, ImageSummary } from '../../src-shared/model';
import { shortId } from './format';

export type StateFilter = 'all' | 'running' | 'stopped';

/** Running, paused and restarting containers hold their image; the rest are stopped. */
export const isActive = (s: ContainerState): boolean => s === 'running' || s === 'paused' || s === 'restarting';

/** The image as a person knows it: the tag it was created from if that still points at it, another tag, or a short ID when dangling. */
export function imageLabel(c: ContainerSummary, byId: Map<string, ImageSummary>): { text: string; dangling: boolean } {
  const image = byId.get(c.imageId);
  if (!image || image.tags.length === 0) return { text: shortId(c.imageId), dangling: true };
  const asked = image.tags.find((tag) => tag === c.imageRef || tag === `${c.imageRef}:latest`);
  return { text: asked ?? image.tags[0]!, dangling: false };
}

/** The image and its descendants (children, their children…). */
export function ancestorFamily(images: ImageSummary[], ancestorId: string): Set<string> {
  const byId = new Map(images.map((i) => [i.id, i]));
  const family = new Set<string>();
  const stack = [ancestorId];
  while (stack.length) {
    const id = stack.pop()!;
    if (family.has(id)) continue;
    family.add(id);
    stack.push(...(byId.get(id)?.children ?? []));
  }
  return family;
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
      (state === 'all' || (state === 'running') === isActive(c.state)) && (family === null || family.has(c.imageId)),
  );
}
