// What a folder tree really takes on its filesystem, the way `du -s -B1
// --one-file-system` counts it: allocated blocks (st.blocks * 512), not sizes,
// so sparse files and small files count what they hold; links are not followed;
// a hard-linked inode counts once (overlay and containerd share files that way);
// another filesystem mounted inside (a running container's overlay) is left out.
// Bounded by a deadline and an abort, since a big data root has millions of entries.

import { lstat, readdir } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';

export interface WalkFs {
  readdir(path: string): Promise<string[]>;
  lstat(path: string): Promise<Pick<Stats, 'dev' | 'ino' | 'nlink' | 'blocks' | 'isDirectory'>>;
}

const nodeFs: WalkFs = { readdir: (p) => readdir(p), lstat: (p) => lstat(p) };

export interface WalkOptions {
  /** Stop when this is aborted (the caller's cancel). */
  signal?: AbortSignal;
  /** Stop at this time (ms since epoch, by `now`). */
  deadline?: number;
  now?: () => number;
  /** Tests inject failures here; the walker itself only reads. */
  fs?: WalkFs;
}

export interface WalkResult {
  allocatedBytes: number;
  /** Entries counted, the root included. */
  entries: number;
  /** Directories that could not be listed and entries that could not be stat'ed. */
  unreadable: number;
  /** Stopped by the deadline or the signal: a lower bound. */
  partial: boolean;
}

/** Entries stat'ed at once: enough to keep the disk busy, few enough not to exhaust file handles. */
const BATCH = 64;

export async function walkAllocated(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const fs = options.fs ?? nodeFs;
  const now = options.now ?? Date.now;
  const result: WalkResult = { allocatedBytes: 0, entries: 0, unreadable: 0, partial: false };
  const seenLinks = new Set<string>();
  const stopped = () =>
    Boolean(options.signal?.aborted) || (options.deadline !== undefined && now() >= options.deadline);

  const rootStat = await fs.lstat(root);
  const device = rootStat.dev;
  result.allocatedBytes += rootStat.blocks * 512;
  result.entries++;
  if (!rootStat.isDirectory()) return result;

  // A root that cannot be listed is not "one unreadable entry" but nothing measured
  // (a user outside the docker group meets /var/lib/docker's mode 710): the caller's to say.
  const rootNames = await fs.readdir(root);
  const pending: string[] = [root];
  while (pending.length) {
    if (stopped()) {
      result.partial = true;
      return result;
    }
    const dir = pending.pop()!;
    let names: string[];
    try {
      names = dir === root ? rootNames : await fs.readdir(dir);
    } catch {
      result.unreadable++;
      continue;
    }
    for (let i = 0; i < names.length; i += BATCH) {
      const paths = names.slice(i, i + BATCH).map((n) => join(dir, n));
      const stats = await Promise.all(paths.map((p) => fs.lstat(p).catch(() => null)));
      stats.forEach((st, k) => {
        if (!st) {
          result.unreadable++;
          return;
        }
        // du -x: what another filesystem mounted here holds is not this one's.
        if (st.dev !== device) return;
        if (st.nlink > 1 && !st.isDirectory()) {
          const key = `${st.dev}:${st.ino}`;
          if (seenLinks.has(key)) return;
          seenLinks.add(key);
        }
        result.allocatedBytes += st.blocks * 512;
        result.entries++;
        if (st.isDirectory()) pending.push(paths[k]!);
      });
    }
  }
  return result;
}
