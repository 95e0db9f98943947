// Whether an engine's size figures are the bytes its storage frees when a layer
// or a container goes. Docker with overlay2 on the classic image store counts
// file bytes per layer, the same figure it frees; everything else differs in a
// known direction, said in the reason.

import type Docker from 'dockerode';
import { engineKindOf, imageStoreOf } from '../engine/connection';

export type Verdict = { exact: true } | { exact: false; reason: string };

/**
 * Whether an engine's figures are the bytes its storage frees: `images` for the
 * per-layer sizes from image history, `containers` for containers' SizeRw.
 */
export interface LayerAccounting {
  images: Verdict;
  containers: Verdict;
  /**
   * True on Docker's containerd image store, which keeps every layer twice: its
   * (compressed) content blob and the unpacked snapshot. History sizes count only
   * the snapshot, so what a removal frees adds the blob's share (layer-facts.ts).
   */
  blobsBesideSnapshots: boolean;
}

interface VersionAnswer {
  Platform?: { Name?: string };
  Components?: { Name?: string }[];
}

interface InfoAnswer {
  Driver?: string;
  DriverStatus?: [string, string][] | null;
}

// Drivers whose DiffSize is the size of the files the layer itself stores.
const DIFF_STORING_DRIVERS = new Set(['overlay2', 'overlay', 'fuse-overlayfs']);
const EXACT: Verdict = { exact: true };

function imagesVerdict(version: VersionAnswer, info: InfoAnswer, driver: string): Verdict {
  if (engineKindOf(version) === 'podman') {
    const copies =
      driver === 'vfs'
        ? '; its vfs driver also keeps a full copy of the file system for every layer, so far more is freed'
        : '';
    return {
      exact: false,
      reason: `Podman sizes layers as uncompressed tar streams (headers and padding included), not bytes on disk${copies}`,
    };
  }
  if (imageStoreOf(info) === 'containerd') {
    return {
      exact: false,
      reason:
        "the containerd image store keeps each layer twice, as an unpacked snapshot and as its compressed blob; each layer's blob is estimated as its share of the image's content, and identical layers built twice may or may not share a snapshot",
    };
  }
  if (!DIFF_STORING_DRIVERS.has(driver)) {
    return { exact: false, reason: `the ${driver} storage driver's layer sizes are not the space it uses on disk` };
  }
  return EXACT;
}

export function layerAccountingOf(version: VersionAnswer, info: InfoAnswer): LayerAccounting {
  const driver = info.Driver ?? 'unknown';
  // Seen live on Podman 4.3 with vfs: removing a container with 100 KiB written
  // freed 2.4 MB, its own copy of the image's files.
  const containers: Verdict =
    driver === 'vfs'
      ? {
          exact: false,
          reason: "the vfs driver keeps a full copy of the image's files for each container, beyond its writable layer",
        }
      : EXACT;
  const blobsBesideSnapshots = engineKindOf(version) === 'docker' && imageStoreOf(info) === 'containerd';
  return { images: imagesVerdict(version, info, driver), containers, blobsBesideSnapshots };
}

export async function readLayerAccounting(docker: Docker): Promise<LayerAccounting> {
  const [version, info] = await Promise.all([docker.version(), docker.info() as Promise<InfoAnswer>]);
  return layerAccountingOf(version as VersionAnswer, info);
}
