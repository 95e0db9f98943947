// What an engine's storage really holds on disk, per store, measured in the
// folders the harness gave it: the figure a plan's "frees" is checked against.

import { execFile } from 'node:child_process';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LiveEngine } from '../../engines/use-engines';

const run = promisify(execFile);

/** Bytes of every file below `path` (not directories), each inode once, like moby's directory.Size. */
export function fileBytes(path: string, seen = new Set<number>()): number {
  if (!existsSync(path)) return 0;
  let sum = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) {
      sum += fileBytes(full, seen);
      continue;
    }
    const st = lstatSync(full);
    if (seen.has(st.ino)) continue;
    seen.add(st.ino);
    sum += st.size;
  }
  return sum;
}

/**
 * Classic store: the overlay2 folder (layers and containers' writable layers).
 * Containerd store: containerd's content blobs and its overlayfs snapshots, the
 * two copies of every layer. Podman (vfs here): the driver's layer folders.
 */
export function storageBytes(engine: Pick<LiveEngine, 'store' | 'dir'>): number {
  switch (engine.store) {
    case 'classic':
      return fileBytes(join(engine.dir, 'data/overlay2'));
    case 'containerd': {
      const root = join(engine.dir, 'containerd/root');
      const seen = new Set<number>();
      return (
        fileBytes(join(root, 'io.containerd.content.v1.content/blobs'), seen) +
        fileBytes(join(root, 'io.containerd.snapshotter.v1.overlayfs/snapshots'), seen)
      );
    }
    case 'podman':
      return fileBytes(join(engine.dir, 'root/vfs/dir'));
  }
}

/**
 * Makes containerd collect now whatever nothing references any more. Dockerd's
 * image delete only unlabels an image's snapshots (moby's
 * unleaseSnapshotsFromDeletedConfigs) and containerd's scheduler collects them at
 * a later pass, often during the next test's measurement: CI saw 30 KiB to 690 KiB
 * freed in one removal's window that belonged to the one before. Deleting a lease
 * with --sync runs a collection and waits for it (containerd's ScheduleAndWait).
 * The client is Debian's ctr, which docker.io depends on.
 */
async function collectContainerdGarbage(dir: string): Promise<boolean> {
  const ctr = ['--address', join(dir, 'containerd.sock'), '--namespace', 'barnacle-disk-check'];
  try {
    const { stdout } = await run('ctr', [...ctr, 'leases', 'create'], { timeout: 30_000 });
    const lease = stdout.trim().split(/\s+/)[0];
    if (!lease) return false;
    await run('ctr', [...ctr, 'leases', 'delete', '--sync', lease], { timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * The storage figure once it holds still: on the containerd store after a
 * synchronous collection, then (or where ctr cannot reach it) once two readings
 * 150 ms apart agree.
 */
export async function settledStorageBytes(engine: Pick<LiveEngine, 'store' | 'dir'>): Promise<number> {
  if (engine.store !== 'containerd') return storageBytes(engine);
  await collectContainerdGarbage(engine.dir);
  let last = storageBytes(engine);
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 150));
    const now = storageBytes(engine);
    if (now === last) return now;
    last = now;
  }
  return last;
}

const KiB = 1024;

/**
 * The containerd store's error bound, measured here. Each layer's blob is estimated
 * as its share of the image's content, but blobs are compressed and the API does not
 * say how well each layer compresses: incompressible layers come within 20 % (most
 * rows of the table space-freed.test.ts prints), a layer of zeros is over-counted (a 40 kB
 * file of zeros: 84 kB predicted, 47 kB freed). So the stated bound is a factor of
 * two, or 16 KiB for small removals (each image also has its own config and manifest).
 */
export const CONTAINERD_BOUND = { factor: 2, floor: 16 * KiB };
export const withinContainerdBound = (predicted: number, actual: number) =>
  Math.abs(predicted - actual) <= CONTAINERD_BOUND.floor ||
  (predicted <= CONTAINERD_BOUND.factor * actual && actual <= CONTAINERD_BOUND.factor * predicted);
