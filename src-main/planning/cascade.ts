// Untagged parents that go with an image. When a removal takes an image's last
// tag, the engine may also delete the untagged images it was built on (the
// classic builder leaves one per Dockerfile step). Each engine has its own
// rule, read from its source and checked live (tests/integration):
//   - Docker, classic store (daemon/images/image_delete.go): a parent goes while it
//     has no tag or digest, no container, and no other child; the walk stops at the
//     first one that fails.
//   - Docker, containerd store (daemon/containerd/image_delete.go): a parent goes
//     while it is dangling and no container uses it, even when another image was
//     built on it too (that image keeps the shared content, so no bytes go with it).
//   - Podman (libimage removeRecursive): a parent goes while it has no name and,
//     once the child is gone, no other child.
// The plan names them so that nothing leaves the engine unseen.

import type { ContainerSummary, EngineInfo, ImageSummary } from '../../src-shared/model';
import { storeFamilyOf, type StoreFamily } from '../../src-shared/image-store';
import type { CascadedParent, PlanStep } from '../../src-shared/plan';
import type { ImageLayers } from '../inventory/layer-facts';

/** Each store has its own rule for which untagged parents go (see above). */
export type CascadeRule = StoreFamily;
export const cascadeRuleOf: (engine: Pick<EngineInfo, 'kind' | 'imageStore'>) => CascadeRule = storeFamilyOf;

export interface CascadeInput {
  /** Ordered plan steps. */
  steps: PlanStep[];
  /** Every image, intermediates included: `parent` and `children` are direct ones. */
  allImages: ImageSummary[];
  containers: ContainerSummary[];
  rule: CascadeRule;
  layers: ReadonlyMap<string, ImageLayers>;
  /** Chain IDs the plan frees (see attributeBytes). */
  freedChains: ReadonlySet<string>;
}

/** Image IDs the engine removes with each remove-image step, by step ID, in the order it walks them. */
export function cascadedParents(input: CascadeInput): Map<string, CascadedParent[]> {
  const byId = new Map(input.allImages.map((i) => [i.id, i]));
  const targets = new Set(
    input.steps.filter((s) => s.action === 'remove-image' || s.action === 'remove-child-image').map((s) => s.target),
  );
  const removedContainers = new Set<string>();
  const removedImages = new Set<string>();
  const out = new Map<string, CascadedParent[]>();
  for (const step of input.steps) {
    if (step.action === 'remove-container') removedContainers.add(step.target);
    if (step.action !== 'remove-image' && step.action !== 'remove-child-image') continue;
    removedImages.add(step.target);
    const parents: CascadedParent[] = [];
    for (let id = byId.get(step.target)?.parent; id; id = byId.get(id)?.parent) {
      const parent = byId.get(id);
      if (!parent || removedImages.has(id) || targets.has(id)) break;
      if (parent.tags.length > 0) break;
      if (input.rule === 'classic' && parent.digests.length > 0) break;
      if (parent.containers.some((c) => !removedContainers.has(c.id))) break;
      const otherChildren = parent.children.filter((c) => !removedImages.has(c));
      if (input.rule !== 'containerd' && otherChildren.length > 0) break;
      removedImages.add(id);
      parents.push({ id, bytes: ownFreedBytes(parent, byId, input) });
    }
    if (parents.length > 0) out.set(step.id, parents);
  }
  return out;
}

/** Bytes of the layers a parent adds over its own parent that the plan frees (0 when its layers are unknown). */
function ownFreedBytes(
  image: ImageSummary,
  byId: ReadonlyMap<string, ImageSummary>,
  input: Pick<CascadeInput, 'layers' | 'freedChains'>,
): number {
  const own = input.layers.get(image.id);
  if (!own) return 0;
  const below = image.parent ? new Set(input.layers.get(image.parent)?.chainIds ?? []) : new Set<string>();
  if (image.parent && byId.has(image.parent) && !input.layers.has(image.parent)) return 0;
  return own.chainIds.reduce(
    (sum, chain, i) => (below.has(chain) || !input.freedChains.has(chain) ? sum : sum + (own.layerSizes[i] ?? 0)),
    0,
  );
}

/** The IDs of cascaded parents (and their parents), whose layer facts make their bytes known. */
export function cascadeFactIds(cascade: ReadonlyMap<string, CascadedParent[]>, allImages: ImageSummary[]): string[] {
  const byId = new Map(allImages.map((i) => [i.id, i]));
  const ids = new Set<string>();
  for (const parents of cascade.values()) {
    for (const p of parents) {
      ids.add(p.id);
      const grand = byId.get(p.id)?.parent;
      if (grand) ids.add(grand);
    }
  }
  return [...ids];
}
