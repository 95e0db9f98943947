// Parent/child walks over the visible image list (children are the nearest
// visible descendants, see inventory/relations.ts).

import type { ImageSummary } from '../../src-shared/model';
import type { ImageLayers } from '../inventory/layer-facts';
import { uniqueSizes } from '../inventory/layer-space';

export function allDescendants(image: ImageSummary, byId: ReadonlyMap<string, ImageSummary>): ImageSummary[] {
  const out: ImageSummary[] = [];
  const seen = new Set<string>();
  const stack = [...image.children];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const child = byId.get(id);
    if (!child) continue;
    out.push(child);
    stack.push(...child.children);
  }
  return out;
}

/** Visible ancestors above the image: deeper images are removed first. */
export function depth(image: ImageSummary, byId: ReadonlyMap<string, ImageSummary>): number {
  let d = 0;
  for (let p = image.parent; p && byId.has(p) && d < 1000; p = byId.get(p)!.parent) d++;
  return d;
}

/** Per image, the bytes of layers no other listed image holds. */
export function uniqueBytes(layers: ReadonlyMap<string, ImageLayers>, images: ImageSummary[]): Map<string, number> {
  return uniqueSizes(
    images.flatMap((i) => {
      const l = layers.get(i.id);
      return l ? [{ id: i.id, chainIds: l.chainIds, layerSizes: l.layerSizes }] : [];
    }),
  );
}
