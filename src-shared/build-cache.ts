// Build cache facts both main and the renderer read: what kind of thing made a
// record (BuildKit's record type), and when a Podman build's leftover container
// is old enough that no running build can still be using it.

import type { BuildCacheRecord, BuildContainer } from './model';

/** BuildKit's record types, in the order people meet them; anything else is "other". */
export const CACHE_KINDS = [
  'regular',
  'source.local',
  'source.git.checkout',
  'exec.cachemount',
  'frontend',
  'internal',
] as const;
export type CacheKind = (typeof CACHE_KINDS)[number] | 'other';

export function cacheKindOf(type: string): CacheKind {
  return (CACHE_KINDS as readonly string[]).includes(type) ? (type as CacheKind) : 'other';
}

/** A record a prune may take at all: no build uses it and no image shares its data. */
export const isFreeRecord = (r: BuildCacheRecord): boolean => !r.inUse && !r.shared;

export interface CacheGroup {
  kind: CacheKind;
  count: number;
  size: number;
  /** Bytes of the group's free records. */
  free: number;
}

/** The records by what made them, biggest group first. */
export function groupByKind(records: readonly BuildCacheRecord[]): CacheGroup[] {
  const groups = new Map<CacheKind, CacheGroup>();
  for (const r of records) {
    const kind = cacheKindOf(r.type);
    const g = groups.get(kind) ?? { kind, count: 0, size: 0, free: 0 };
    g.count++;
    g.size += r.size;
    if (isFreeRecord(r)) g.free += r.size;
    groups.set(kind, g);
  }
  return [...groups.values()].sort((a, b) => b.size - a.size || a.kind.localeCompare(b.kind));
}

/**
 * A Podman build container younger than this may belong to a build that is running:
 * Podman cannot tell a running build's working container from a failed one's (both are
 * mounted, State "storage"), so no plan takes it.
 */
export const BUILD_MAY_BE_RUNNING_MS = 60 * 60 * 1000;

export const mayBeRunningBuild = (c: BuildContainer, nowMs: number): boolean =>
  !(Date.parse(c.createdAt) <= nowMs - BUILD_MAY_BE_RUNNING_MS);
