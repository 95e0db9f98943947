// The rules for Podman's builds' leftover containers in a build cache plan, and
// the grouping of build cache records by what made them.

import { describe, expect, it } from 'vitest';
import { planCleanup } from '../../src-main/planning/planner';
import { renderPlan } from '../../src-main/cli/format/plan-text';
import { cacheKindOf, groupByKind, mayBeRunningBuild } from '../../src-shared/build-cache';
import type { BuildCacheRecord, BuildContainer } from '../../src-shared/model';
import { bareInput, NOW_MS, podman } from './support/inventory-builder';

const HOUR = 3_600_000;
const leftover = (n: number, ageMs: number): BuildContainer => ({
  id: String(n).repeat(64),
  name: `w${n}`,
  image: 'localhost/app:1',
  imageId: `sha256:${'a'.repeat(64)}`,
  createdAt: new Date(NOW_MS - ageMs).toISOString(),
});

const planOf = (intent: Parameters<typeof bareInput>[0], containers: BuildContainer[]) =>
  planCleanup(bareInput(intent, { engine: podman, buildContainers: containers }));

describe('build containers in a build cache plan', () => {
  it('one made within the hour stays (a build may be running); an older one goes, with its ID pinned', () => {
    const young = leftover(1, HOUR - 1_000);
    const old = leftover(2, HOUR + 1_000);
    const plan = planOf({ type: 'prune-build-cache' }, [young, old]);
    expect(plan.steps.map((s) => [s.action, s.target, s.expect])).toEqual([
      ['remove-build-container', old.id, { createdAt: old.createdAt }],
    ]);
    expect(plan.skipped.map((s) => [s.target, s.conflict, s.reason.key])).toEqual([
      [young.id, 'in-use', 'skip.buildContainerRecent'],
    ]);
    expect(plan.commands).toEqual([`docker rm --force ${old.id}`]);
    expect(plan.exact).toBe(false);
    expect(plan.bytesFreed).toBe(0);
    // Not "frees nothing": removing it frees its files, only nobody reports how much.
    expect(renderPlan(plan, 'en')).toContain(
      'Frees an amount the engine does not report (Podman does not report the size of the build containers w2).',
    );
  });

  it('a creation time that cannot be read counts as recent: never taken', () => {
    const odd = { ...leftover(3, 10 * HOUR), createdAt: 'yesterday' };
    expect(mayBeRunningBuild(odd, NOW_MS)).toBe(true);
    expect(planOf({ type: 'prune-build-cache' }, [odd]).steps).toEqual([]);
  });

  it('until keeps the newer ones; a budget keeps them all, as their size is unknown', () => {
    const list = [leftover(1, 2 * HOUR), leftover(2, 30 * HOUR)];
    const until = planOf({ type: 'prune-build-cache', until: '24h' }, list);
    expect(until.steps.map((s) => s.target)).toEqual([list[1]!.id]);
    expect(until.skipped.map((s) => s.reason.key)).toEqual(['skip.buildContainerNewer']);
    const budget = planOf({ type: 'prune-build-cache', keepStorage: 10 }, list);
    expect(budget.steps).toEqual([]);
    expect(budget.skipped.map((s) => s.reason.key)).toEqual(['skip.buildContainerBudget', 'skip.buildContainerBudget']);
  });
});

describe('build cache records by what made them', () => {
  const rec = (id: string, type: string, size: number, extra: Partial<BuildCacheRecord> = {}): BuildCacheRecord => ({
    id,
    parents: [],
    type,
    description: '',
    inUse: false,
    shared: false,
    size,
    createdAt: null,
    lastUsedAt: null,
    usageCount: 0,
    ...extra,
  });

  it('groups by BuildKit type, biggest first, with what a prune may take', () => {
    const groups = groupByKind([
      rec('a', 'regular', 100, { shared: true }),
      rec('b', 'regular', 50),
      rec('c', 'source.local', 10),
      rec('d', 'exec.cachemount', 300, { inUse: true }),
      rec('e', 'something.new', 1),
    ]);
    expect(groups).toEqual([
      { kind: 'exec.cachemount', count: 1, size: 300, free: 0 },
      { kind: 'regular', count: 2, size: 150, free: 50 },
      { kind: 'source.local', count: 1, size: 10, free: 10 },
      { kind: 'other', count: 1, size: 1, free: 1 },
    ]);
    expect(cacheKindOf('source.git.checkout')).toBe('source.git.checkout');
  });
});
