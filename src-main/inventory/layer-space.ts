// Exactly how many bytes a removal frees. Engines store each layer once, under
// its chain ID, and delete it when the last image holding it goes; `docker
// system df` instead calls an image's non-shared size reclaimable, which is wrong
// as soon as a selection removes every user of a shared layer (or only some).
//
// `images` must be the images that exist as things to keep or remove: the list
// `docker images` shows (no intermediate build steps: Docker and Podman delete an
// untagged parent together with its last child, so counting it as a keeper
// would hide space that is in fact freed), plus any image a container uses.

import { phrase, type Phrase } from '../../src-shared/phrase';
import { shortId } from '../../src-shared/ids';

export interface LayeredImage {
  id: string;
  /** Lowest layer first. */
  chainIds: string[];
  /** Bytes per entry of chainIds. */
  layerSizes: number[];
  /** False when the sizes are estimates; absent means exact. */
  exact?: boolean;
  reason?: Phrase;
}

export interface ContainerLayer {
  id: string;
  imageId: string;
  /** Writable layer bytes (`size=1` on the container list); null when not asked for. */
  sizeRw: number | null;
  /** False when removing it frees more than sizeRw (the vfs driver's full copies); absent means exact. */
  exact?: boolean;
  reason?: Phrase;
}

export interface BytesFreedInput {
  images: LayeredImage[];
  removedImageIds: Set<string>;
  containers: ContainerLayer[];
  removedContainerIds: Set<string>;
}

export interface BytesFreed {
  bytes: number;
  /** False when any counted size is an estimate or unknown: `reasons` says why. */
  exact: boolean;
  /**
   * Per removed image, the freed bytes of layers that no other image holds.
   * Layers freed only because every one of their users goes are in `bytes` but
   * in no image's entry.
   */
  perImageUnique: Map<string, number>;
  reasons: Phrase[];
}

function holdersByChain(images: LayeredImage[]): Map<string, LayeredImage[]> {
  const holders = new Map<string, LayeredImage[]>();
  for (const image of images) {
    for (const chain of new Set(image.chainIds)) {
      const list = holders.get(chain);
      if (list) list.push(image);
      else holders.set(chain, [image]);
    }
  }
  return holders;
}

/** A layer's size, taken from a holder whose sizes are exact when there is one. */
function sizeOfChain(chain: string, holders: LayeredImage[]): { size: number; from: LayeredImage } {
  const from = holders.find((h) => h.exact !== false) ?? holders[0]!;
  return { size: from.layerSizes[from.chainIds.indexOf(chain)] ?? 0, from };
}

export function bytesFreed(input: BytesFreedInput): BytesFreed {
  const { images, removedImageIds, containers, removedContainerIds } = input;
  // Keyed by the phrase's JSON: the same fact said twice is said once.
  const reasons = new Map<string, Phrase>();
  const add = (p: Phrase) => reasons.set(JSON.stringify(p), p);
  const byId = new Map(images.map((i) => [i.id, i]));
  for (const id of removedImageIds) {
    if (!byId.has(id)) add(phrase('space.imageUnknown', { id: shortId(id) }));
  }

  // A container that stays keeps its image's layers, whether or not the image is
  // "removed": Docker refuses the delete, and the layers stay either way.
  const pinned = new Set<string>();
  for (const c of containers) {
    if (removedContainerIds.has(c.id)) continue;
    if (byId.has(c.imageId)) pinned.add(c.imageId);
    else if (removedImageIds.size > 0) {
      add(phrase('space.containerImageUnknown', { id: shortId(c.id), image: shortId(c.imageId) }));
    }
  }

  const liveChains = new Set<string>();
  for (const image of images) {
    if (!removedImageIds.has(image.id) || pinned.has(image.id)) for (const c of image.chainIds) liveChains.add(c);
  }

  const holders = holdersByChain(images);
  const freedChains = new Set<string>();
  for (const id of removedImageIds) {
    for (const chain of byId.get(id)?.chainIds ?? []) if (!liveChains.has(chain)) freedChains.add(chain);
  }

  let bytes = 0;
  const perImageUnique = new Map<string, number>();
  for (const id of removedImageIds) if (byId.has(id)) perImageUnique.set(id, 0);
  for (const chain of freedChains) {
    const chainHolders = holders.get(chain)!;
    const { size, from } = sizeOfChain(chain, chainHolders);
    bytes += size;
    if (from.exact === false)
      add(phrase('space.image', { id: shortId(from.id), reason: from.reason ?? phrase('space.imageEstimate') }));
    if (chainHolders.length === 1) perImageUnique.set(from.id, (perImageUnique.get(from.id) ?? 0) + size);
  }

  const containersById = new Map(containers.map((c) => [c.id, c]));
  for (const id of removedContainerIds) {
    const container = containersById.get(id);
    if (!container) add(phrase('space.containerMissing', { id: shortId(id) }));
    else if (container.sizeRw === null) {
      add(phrase('space.containerSizeUnknown', { id: shortId(id) }));
    } else {
      bytes += Math.max(0, container.sizeRw);
      if (container.exact === false)
        add(
          phrase('space.container', { id: shortId(id), reason: container.reason ?? phrase('space.containerEstimate') }),
        );
    }
  }

  return { bytes, exact: reasons.size === 0, perImageUnique, reasons: [...reasons.values()] };
}

/**
 * Bytes of layers that no other image holds, for every image at once: what
 * removing that image alone frees once no container holds it (a container that
 * uses it makes the removal fail, not the layers shared).
 */
export function uniqueSizes(images: LayeredImage[]): Map<string, number> {
  const holders = holdersByChain(images);
  const out = new Map(images.map((i) => [i.id, 0]));
  for (const [chain, chainHolders] of holders) {
    if (chainHolders.length !== 1) continue;
    const only = chainHolders[0]!;
    out.set(only.id, (out.get(only.id) ?? 0) + sizeOfChain(chain, chainHolders).size);
  }
  return out;
}

export function uniqueSize(imageId: string, images: LayeredImage[]): number {
  return uniqueSizes(images).get(imageId) ?? 0;
}
