// Half-written trash copies: saveImageArchive writes `<archive>.<pid>.<random>.tmp`
// and renames it only once checked, so a `.tmp` whose writer died (the process
// killed, the machine off) is never going to be finished. The next run removes
// it; a live writer's file is left alone, whatever its age up to a day. Likewise
// an archive whose record was never written (the writer died between the two):
// nothing was removed after it, no listing shows it, so nothing could ever remove it.

import { lstat, readdir, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export interface SweepOptions {
  /** A `.tmp` older than this is removed even when its pid is alive (pids get reused). */
  maxAgeMs?: number;
  now?: () => number;
  /** Whether a pid names a running process; injectable for tests. */
  isAlive?: (pid: number) => boolean;
}

export interface SweepResult {
  /** Paths of the `.tmp` files removed. */
  removed: string[];
  /** Plan folders removed because nothing was left in them. */
  removedFolders: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const PLAN_FOLDER = /^[0-9a-f-]{36}$/;
const TEMP_WITH_PID = /\.(\d+)\.[0-9a-f]+\.tmp$/;
const ARCHIVE = /^s\d+\.tar\.gz$/;
/** A record follows its archive within milliseconds; an hour without one means its writer is gone. */
const ORPHAN_AFTER_MS = 60 * 60 * 1000;

export function pidIsAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, only someone else's.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Removes the half-written copies under trashDir/<plan id>/: `.tmp` files whose writer
 * is gone, older than a day, or from before the name carried a pid. Links and anything
 * not named `.tmp` are never touched; a plan folder left empty is removed.
 */
export async function sweepHalfWritten(trashDir: string, opts: SweepOptions = {}): Promise<SweepResult> {
  const maxAge = opts.maxAgeMs ?? DAY_MS;
  const now = (opts.now ?? Date.now)();
  const alive = opts.isAlive ?? pidIsAlive;
  const result: SweepResult = { removed: [], removedFolders: [] };
  const plans = await readdir(trashDir, { withFileTypes: true }).catch(() => []);
  for (const plan of plans) {
    // Dirent.isDirectory() is false for a link to a folder: links are not followed.
    if (!plan.isDirectory() || !PLAN_FOLDER.test(plan.name)) continue;
    const folder = join(trashDir, plan.name);
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => null);
    if (!entries) continue;
    let removedHere = 0;
    const names = new Set(entries.map((e) => e.name));
    for (const entry of entries) {
      const orphan = ARCHIVE.test(entry.name) && !names.has(`${entry.name}.json`);
      if (!entry.isFile() || (!entry.name.endsWith('.tmp') && !orphan)) continue;
      const path = join(folder, entry.name);
      const info = await lstat(path).catch(() => null);
      if (!info?.isFile()) continue;
      const pid = TEMP_WITH_PID.exec(entry.name)?.[1];
      const stale = orphan
        ? now - info.mtimeMs > ORPHAN_AFTER_MS
        : pid === undefined || !alive(Number(pid)) || now - info.mtimeMs > maxAge;
      if (!stale) continue;
      try {
        await unlink(path);
        result.removed.push(path);
        removedHere++;
      } catch (err) {
        // Gone already (another run swept it): nothing to do.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    if (removedHere > 0 && removedHere === entries.length) {
      // rmdir fails on a folder that is not empty: a file written meanwhile stays.
      if (
        await rmdir(folder).then(
          () => true,
          () => false,
        )
      )
        result.removedFolders.push(folder);
    }
  }
  return result;
}
