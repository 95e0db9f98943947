// Build cache removals, one record per step, as `docker builder prune --filter id=`
// removes them. A record a build uses now, or whose data an image shares (removing
// it frees nothing; `docker builder prune` without --all leaves those too), is
// never in the plan: it is listed as kept, saying why.

import { phrase } from '../../src-shared/phrase';
import { isFreeRecord } from '../../src-shared/build-cache';
import type { BuildCacheRecord } from '../../src-shared/model';
import type { CleanupIntent } from '../../src-shared/plan';
import { Phase, type PlanDraft } from './plan-draft';
import { untilCutoff } from './selection';

type CacheIntent = Extract<CleanupIntent, { type: 'prune-build-cache' }>;

/** When a record was made, in ms. */
const made = (r: BuildCacheRecord): number => Date.parse(r.createdAt ?? '') || 0;

/** When a record was last used (or made, if never used since), in ms. */
const lastUsed = (r: BuildCacheRecord): number => Date.parse(r.lastUsedAt ?? r.createdAt ?? '') || 0;

const usedSecond = (r: BuildCacheRecord): number => Math.floor(lastUsed(r) / 1000);

/**
 * What the plan may take: unused and private records, older than `until`, beyond the
 * storage budget and/or until the disk has `minFreeSpace` free (`diskFree`: what it has now).
 */
export function cacheCandidates(
  intent: CacheIntent,
  records: readonly BuildCacheRecord[],
  nowMs: number,
  diskFree?: number,
) {
  const free = records.filter(isFreeRecord);
  const cutoff = intent.until ? untilCutoff(intent.until, nowMs) : null;
  const older = cutoff === null ? free : free.filter((r) => lastUsed(r) < cutoff * 1000);
  const keep = intent.keepStorage;
  const wantFree = intent.minFreeSpace;
  if (keep === undefined && wantFree === undefined) return withoutHeldParents(older, records);
  // docker builder prune --keep-storage (--max-used-space) and --min-free-space: the least
  // recently used go first until what is left fits and the disk has what it should have free;
  // a record goes only once every record built on it has gone (the engine keeps it else).
  let total = records.reduce((sum, r) => sum + r.size, 0);
  let diskWillHave = diskFree ?? 0;
  const short = () => (keep !== undefined && total > keep) || (wantFree !== undefined && diskWillHave < wantFree);
  const chosen: BuildCacheRecord[] = [];
  const gone = new Set<string>();
  const eligible = (r: BuildCacheRecord) =>
    !gone.has(r.id) && records.every((c) => !c.parents.includes(r.id) || gone.has(c.id));
  while (short()) {
    // Ties (one build's records, used within the same second): the newer first, as a child is
    // newer than its parent. Milliseconds apart do not order them: the containerd store lists no
    // parents, and its last-use times of one build's steps differ by a few (seen in CI), so the
    // parent would go first and the engine keep it for its child.
    const next = older
      .filter(eligible)
      .sort((a, b) => usedSecond(a) - usedSecond(b) || made(b) - made(a) || lastUsed(a) - lastUsed(b))[0];
    if (!next) break;
    chosen.push(next);
    gone.add(next.id);
    total -= next.size;
    diskWillHave += next.size;
  }
  return chosen;
}

/**
 * A record another record is built on is released only with it: a parent whose child stays
 * (too new, in use, shared) cannot go, so it is left out rather than planned to fail.
 */
function withoutHeldParents(chosen: BuildCacheRecord[], records: readonly BuildCacheRecord[]): BuildCacheRecord[] {
  let kept = chosen;
  for (;;) {
    const ids = new Set(kept.map((r) => r.id));
    const next = kept.filter((r) => records.every((c) => !c.parents.includes(r.id) || ids.has(c.id)));
    if (next.length === kept.length) return kept;
    kept = next;
  }
}

export function emitBuildCacheSteps(
  intent: CacheIntent,
  records: readonly BuildCacheRecord[],
  nowMs: number,
  draft: PlanDraft,
  diskFree?: number,
): void {
  for (const r of records) {
    if (r.inUse || r.shared) {
      draft.skip({
        target: r.id,
        label: r.description || r.id,
        conflict: r.inUse ? 'in-use' : 'shared',
        reason: phrase(r.inUse ? 'skip.cacheInUse' : 'skip.cacheShared', { size: r.size }),
      });
    }
  }
  const chosen = cacheCandidates(intent, records, nowMs, diskFree);
  // Children before parents, and one at a time: the engine releases a parent only once
  // nothing refers to it. Docker 26's containerd store lists no parents at all (seen live):
  // there the newest go first, as a build makes a parent before its child.
  const ordered = [...chosen].sort((a, b) => depthOf(b, records) - depthOf(a, records) || made(b) - made(a));
  let previous: string | undefined;
  for (const r of ordered) {
    previous = draft.add(Phase.Volume, {
      action: 'remove-build-cache',
      target: r.id,
      label: r.description || r.id,
      reason: 'unused-cache',
      bytes: r.size,
      after: previous ? [previous] : [],
      expect: {},
    });
  }
}

/** How many parents above a record (records form chains). */
function depthOf(r: BuildCacheRecord, records: readonly BuildCacheRecord[]): number {
  const byId = new Map(records.map((x) => [x.id, x]));
  let depth = 0;
  const seen = new Set<string>();
  for (let p = r.parents[0]; p && !seen.has(p); p = byId.get(p)?.parents[0]) {
    seen.add(p);
    depth++;
  }
  return depth;
}
