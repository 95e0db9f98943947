// The three levels of "used" for one engine, each with its source and age:
// what the engine reports, what its storage occupies here, and the VM disk
// files on this machine; then where they disagree (src-shared/disk-levels.ts).

import { diskFindings, reportedTotal, type DiskLevels, type EngineStorage } from '../../src-shared/disk-levels';
import type { DiskUsage } from '../../src-shared/model';
import { findVmDiskFiles, type VmDiskSearch } from './vm-disk-files';
import { measureEngineStorage, type HelperAllowed, type StorageTarget } from './engine-storage';

export function combineLevels(
  usage: DiskUsage | null,
  storage: EngineStorage,
  vm: { files: DiskLevels['vm']['files']; at: number },
): DiskLevels {
  const reported = usage
    ? { bytes: reportedTotal(usage), source: 'engine-system-df' as const, at: usage.fetchedAt }
    : null;
  return {
    reported,
    storage: {
      ...storage,
      source:
        storage.state === 'measured' && storage.via === 'helper-container' ? 'helper-container' : 'walk-data-root',
    },
    vm: { files: vm.files, source: 'stat-known-paths', at: vm.at },
    findings: diskFindings(reported?.bytes ?? null, storage, vm.files),
  };
}

export async function readVmDiskFiles(
  search: VmDiskSearch,
  now: () => number = Date.now,
): Promise<{ files: DiskLevels['vm']['files']; at: number }> {
  const files = await findVmDiskFiles(search);
  return { files, at: now() };
}

/** Where VM products keep their disks for this process's user: home, platform and the two variables that move them. */
export function vmDiskSearchOf(home: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): VmDiskSearch {
  return {
    home,
    platform,
    ...(env.LOCALAPPDATA ? { localAppData: env.LOCALAPPDATA } : {}),
    ...(env.XDG_DATA_HOME ? { xdgDataHome: env.XDG_DATA_HOME } : {}),
  };
}

/**
 * The three levels, read at once: the storage walk (bounded by `budgetMs`) and the
 * VM files' stat calls side by side; the engine's figure is the disk usage given.
 * What `barnacle df` prints and the Overview shows.
 */
export async function readDiskLevels(
  target: StorageTarget,
  usage: DiskUsage | null,
  search: VmDiskSearch,
  options: {
    budgetMs: number;
    now?: () => number;
    /** Measure no storage (barnacle df --no-walk). */
    skipStorage?: boolean;
    /** Allowed: a helper container measures an engine whose data root is not here. */
    helper?: HelperAllowed | null;
    /** This machine's name (os.hostname() unless given). */
    hostName?: string;
  },
): Promise<DiskLevels> {
  const now = options.now ?? Date.now;
  const [storage, vm] = await Promise.all([
    measureEngineStorage(target, {
      budgetMs: options.budgetMs,
      now,
      ...(options.skipStorage ? { skip: true } : {}),
      ...(options.helper ? { helper: options.helper } : {}),
      ...(options.hostName !== undefined ? { hostName: options.hostName } : {}),
    }),
    readVmDiskFiles(search, now),
  ]);
  return combineLevels(usage, storage, vm);
}
