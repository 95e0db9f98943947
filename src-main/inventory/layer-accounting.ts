// Whether an engine's size figures are the bytes its storage frees when a layer
// or a container goes. Docker with overlay2 on the classic image store counts
// file bytes per layer, the same figure it frees; everything else differs in a
// known direction, said in the reason.

import { phrase, type Phrase } from '../../src-shared/phrase';
import type Docker from 'dockerode';
import { engineKindOf, imageStoreOf } from '../engine/connection';

export type Verdict = { exact: true } | { exact: false; reason: Phrase };

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
    return { exact: false, reason: phrase(driver === 'vfs' ? 'space.podmanTarVfs' : 'space.podmanTar') };
  }
  if (imageStoreOf(info) === 'containerd') {
    return {
      exact: false,
      reason: phrase('space.containerdTwice'),
    };
  }
  if (!DIFF_STORING_DRIVERS.has(driver)) {
    return { exact: false, reason: phrase('space.driver', { driver }) };
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
          reason: phrase('space.vfsContainer'),
        }
      : EXACT;
  const blobsBesideSnapshots = engineKindOf(version) === 'docker' && imageStoreOf(info) === 'containerd';
  return { images: imagesVerdict(version, info, driver), containers, blobsBesideSnapshots };
}

const accountingByConnection = new WeakMap<object, Promise<LayerAccounting>>();

/**
 * The accounting of a connection's engine, read once per connection (an engine's
 * driver and store do not change while connected); a failed read is tried again.
 */
export function accountingOf(connection: { docker: Docker }): Promise<LayerAccounting> {
  let read = accountingByConnection.get(connection);
  if (!read) {
    read = readLayerAccounting(connection.docker);
    read.catch(() => accountingByConnection.delete(connection));
    accountingByConnection.set(connection, read);
  }
  return read;
}

export async function readLayerAccounting(docker: Docker): Promise<LayerAccounting> {
  const [version, info] = await Promise.all([docker.version(), docker.info() as Promise<InfoAnswer>]);
  return layerAccountingOf(version as VersionAnswer, info);
}
