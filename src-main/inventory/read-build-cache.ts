// The engine's build cache records (BuildKit), from its disk usage of that type
// alone where the API can ask for it (1.42+; older engines answer everything).
// Podman's API lists none: its builds keep no cache records there, but a build
// that failed or was killed leaves its working container (read-build-containers.ts).

import type Docker from 'dockerode';
import type { BuildCacheList, BuildCacheRecord, EngineInfo } from '../../src-shared/model';
import { fetchDf, type RawCacheRecord } from './disk-usage';
import { readBuildContainers } from './read-build-containers';

export function toCacheRecord(raw: RawCacheRecord): BuildCacheRecord {
  return {
    id: raw.ID ?? '',
    // API 1.42 lists Parents; older engines one Parent.
    parents: raw.Parents ?? (raw.Parent ? [raw.Parent] : []),
    type: raw.Type ?? 'regular',
    description: raw.Description ?? '',
    inUse: raw.InUse,
    shared: raw.Shared ?? false,
    size: Math.max(0, raw.Size),
    createdAt: raw.CreatedAt || null,
    lastUsedAt: raw.LastUsedAt || null,
    usageCount: raw.UsageCount ?? 0,
  };
}

export async function readBuildCache(
  docker: Docker,
  engine: Pick<EngineInfo, 'kind'>,
  now: () => number = Date.now,
): Promise<BuildCacheList> {
  if (engine.kind !== 'docker') {
    const buildContainers = await readBuildContainers(docker, engine);
    return { supported: false, records: [], buildContainers, takenAt: now() };
  }
  const df = await fetchDf(docker, ['build-cache']);
  const records = (df.BuildCache ?? []).map(toCacheRecord).filter((r) => r.id !== '');
  return { supported: true, records, buildContainers: [], takenAt: now() };
}
