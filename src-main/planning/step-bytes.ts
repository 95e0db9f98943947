// How many bytes the plan frees, and which step frees them: each freed layer
// is credited to the last step that removes an image holding it, each removed
// container's writable layer to its own step.

import type { Phrase } from '../../src-shared/phrase';
import type { ContainerSummary, ImageSummary } from '../../src-shared/model';
import type { PlanStep } from '../../src-shared/plan';
import type { Verdict } from '../inventory/layer-accounting';
import type { ImageLayers } from '../inventory/layer-facts';
import { bytesFreed, type LayeredImage } from '../inventory/layer-space';

export function attributeBytes(
  steps: PlanStep[],
  layers: Map<string, ImageLayers>,
  images: ImageSummary[],
  containers: ContainerSummary[],
  /** Whether a container's SizeRw is all its removal frees (not on vfs); absent means it is. */
  containerVerdict?: Verdict,
): { bytes: number; exact: boolean; reasons: Phrase[]; freedChains: Set<string> } {
  const layered: LayeredImage[] = [];
  for (const image of images) {
    const l = layers.get(image.id);
    if (l)
      layered.push({ id: image.id, chainIds: l.chainIds, layerSizes: l.layerSizes, exact: l.exact, reason: l.reason });
  }
  const removedImageIds = new Set(
    steps.filter((s) => s.action === 'remove-image' || s.action === 'remove-child-image').map((s) => s.target),
  );
  const removedContainerIds = new Set(steps.filter((s) => s.action === 'remove-container').map((s) => s.target));
  const result = bytesFreed({
    images: layered,
    removedImageIds,
    containers: containers.map((c) => ({
      id: c.id,
      imageId: c.imageId,
      sizeRw: c.sizeRw,
      ...(containerVerdict?.exact === false ? { exact: false, reason: containerVerdict.reason } : {}),
    })),
    removedContainerIds,
  });

  // Layers still held by something that stays are not freed; credit the rest.
  const kept = new Set<string>();
  const pinnedImages = new Set(containers.filter((c) => !removedContainerIds.has(c.id)).map((c) => c.imageId));
  for (const image of layered) {
    if (!removedImageIds.has(image.id) || pinnedImages.has(image.id)) for (const c of image.chainIds) kept.add(c);
  }
  const byId = new Map(layered.map((l) => [l.id, l]));
  const containersById = new Map(containers.map((c) => [c.id, c]));
  const credited = new Map<string, { step: PlanStep; size: number }>();
  for (const step of steps) {
    if (step.action === 'remove-container') {
      step.bytes = Math.max(0, containersById.get(step.target)?.sizeRw ?? 0);
      continue;
    }
    if (step.action !== 'remove-image' && step.action !== 'remove-child-image') continue;
    const image = byId.get(step.target);
    if (!image || pinnedImages.has(image.id)) continue;
    image.chainIds.forEach((chain, i) => {
      if (!kept.has(chain)) credited.set(chain, { step, size: image.layerSizes[i] ?? 0 });
    });
  }
  for (const { step, size } of credited.values()) step.bytes += size;
  return { bytes: result.bytes, exact: result.exact, reasons: result.reasons, freedChains: new Set(credited.keys()) };
}
