// Exact space figures for the lists, from layer chains: what removing each
// image alone frees, and what removing every unused image frees together.
// `docker system df` gets the second wrong whenever unused images share a
// layer only among themselves (it counts no shared layer as reclaimable).

import type { DiskUsage, ImageSummary, InventorySnapshot } from '../../src-shared/model';
import { bytesFreed, uniqueSizes, type LayeredImage } from './layer-space';
import type { ImageLayers } from './layer-facts';

export function withSpaceFigures(snapshot: InventorySnapshot, facts: Map<string, ImageLayers>): InventorySnapshot {
  const layered: LayeredImage[] = [];
  for (const image of snapshot.images) {
    const f = facts.get(image.id);
    if (f)
      layered.push({ id: image.id, chainIds: f.chainIds, layerSizes: f.layerSizes, exact: f.exact, reason: f.reason });
  }
  // Figures over part of the images would be wrong, not approximate.
  if (layered.length !== snapshot.images.length) return snapshot;
  const unique = uniqueSizes(layered);
  const images: ImageSummary[] = snapshot.images.map((i) => ({ ...i, uniqueSize: unique.get(i.id) ?? 0 }));
  return { ...snapshot, images, diskUsage: withExactReclaimable(snapshot, layered) };
}

function withExactReclaimable(snapshot: InventorySnapshot, layered: LayeredImage[]): DiskUsage | null {
  const usage = snapshot.diskUsage;
  if (!usage) return null;
  const freed = bytesFreed({
    images: layered,
    removedImageIds: new Set(snapshot.images.filter((i) => i.unused).map((i) => i.id)),
    containers: snapshot.containers.map((c) => ({ id: c.id, imageId: c.imageId, sizeRw: c.sizeRw })),
    removedContainerIds: new Set(),
  });
  if (!freed.exact) return usage;
  return { ...usage, images: { ...usage.images, reclaimable: freed.bytes, reclaimableExact: true } };
}
