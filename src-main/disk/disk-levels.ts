// The three levels of "used" for one engine, each with its source and age:
// what the engine reports, what its storage occupies here, and the VM disk
// files on this machine; then where they disagree (src-shared/disk-levels.ts).

import { diskFindings, reportedTotal, type DiskLevels, type EngineStorage } from '../../src-shared/disk-levels';
import type { DiskUsage } from '../../src-shared/model';
import { findVmDiskFiles, type VmDiskSearch } from './vm-disk-files';

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
    storage: { ...storage, source: 'walk-data-root' },
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
