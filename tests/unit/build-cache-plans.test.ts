// Build cache plans on hand-built record lists (planning/build-cache-steps.ts);
// the engines' own records and what a removal frees: tests/integration/build-cache.test.ts.

import { describe, expect, it } from 'vitest';
import type { BuildCacheRecord } from '../../src-shared/model';
import { say } from '../../src-shared/messages/translate';
import { planCleanup } from '../../src-main/planning/planner';
import { cacheCandidates } from '../../src-main/planning/build-cache-steps';
import { cliCommands } from '../../src-main/planning/commands';
import { bareInput, NOW_MS } from './support/inventory-builder';

const id = (n: string) => n.padEnd(25, '0');
const hoursAgo = (h: number) => new Date(NOW_MS - h * 3_600_000).toISOString();

function record(name: string, over: Partial<BuildCacheRecord> = {}): BuildCacheRecord {
  return {
    id: id(name),
    parents: [],
    type: 'regular',
    description: name,
    inUse: false,
    shared: false,
    size: 1000,
    createdAt: hoursAgo(100),
    lastUsedAt: null,
    usageCount: 1,
    ...over,
  };
}

const plan = (intent: { until?: string; keepStorage?: number }, records: BuildCacheRecord[]) =>
  planCleanup(bareInput({ type: 'prune-build-cache', ...intent }, { buildCache: records }));

describe('build cache plans', () => {
  const base = record('base', { size: 5000, lastUsedAt: hoursAgo(50) });
  const child = record('child', { parents: [id('base')], size: 300, lastUsedAt: hoursAgo(2) });
  const busy = record('busy', { inUse: true, size: 7000 });
  const shared = record('shared', { shared: true, size: 9000 });
  const all = [base, child, busy, shared];

  it('takes every record no build uses and no image shares; one at a time, a child before its parent', () => {
    const p = plan({}, all);
    expect(p.steps.map((s) => [s.action, s.target, s.after])).toEqual([
      ['remove-build-cache', id('child'), []],
      ['remove-build-cache', id('base'), ['s1']],
    ]);
    expect(p.bytesFreed).toBe(5300);
    expect(p.exact).toBe(true);
    expect(p.skipped.map((s) => [s.target, s.conflict, say('en', s.reason)])).toEqual([
      [id('busy'), 'in-use', 'A build is using this record now.'],
      [id('shared'), 'shared', 'An image shares its data: removing it would free nothing.'],
    ]);
    // One command per record: the engine's id filter takes one value.
    expect(p.commands).toEqual([
      `docker builder prune -f --filter id=${id('child')}`,
      `docker builder prune -f --filter id=${id('base')}`,
    ]);
  });

  it('until: only records last used (or made, if never used) before the cut-off', () => {
    const old = record('old', { lastUsedAt: hoursAgo(50) });
    const recent = record('recent', { lastUsedAt: hoursAgo(2) });
    const never = record('never', { createdAt: hoursAgo(30) });
    expect(
      cacheCandidates({ type: 'prune-build-cache', until: '24h' }, [old, recent, never], NOW_MS).map(
        (r) => r.description,
      ),
    ).toEqual(['old', 'never']);
  });

  it('keep storage: the least recently used go until the whole cache fits, a child before its parent', () => {
    const pick = (keepStorage: number) =>
      cacheCandidates({ type: 'prune-build-cache', keepStorage }, all, NOW_MS).map((r) => r.description);
    // 21,300 in all. base is the oldest, but child is built on it: child goes first.
    expect(pick(21_000)).toEqual(['child']);
    expect(pick(16_300)).toEqual(['child', 'base']);
    // Fitting 15,000 needs more than the free records: both go, and it still does not fit.
    expect(pick(15_000)).toEqual(['child', 'base']);
    expect(pick(1_000_000)).toEqual([]);
  });

  it('min free space: the least recently used go until the disk would have that much free', () => {
    const three = [
      record('a', { size: 400, lastUsedAt: hoursAgo(90) }),
      record('b', { size: 300, lastUsedAt: hoursAgo(60) }),
      record('c', { size: 200, lastUsedAt: hoursAgo(30) }),
    ];
    const pick = (minFreeSpace: number, diskFree: number, keepStorage?: number) =>
      cacheCandidates(
        { type: 'prune-build-cache', minFreeSpace, ...(keepStorage !== undefined ? { keepStorage } : {}) },
        three,
        NOW_MS,
        diskFree,
      ).map((r) => r.description);
    expect(pick(1_000, 1_000)).toEqual([]); // already has it
    expect(pick(1_001, 1_000)).toEqual(['a']);
    expect(pick(1_400, 1_000)).toEqual(['a']);
    expect(pick(1_401, 1_000)).toEqual(['a', 'b']);
    expect(pick(10_000, 1_000)).toEqual(['a', 'b', 'c']); // all it can, and still short
    // With a budget too, both must hold: the budget (keep 150 of 900) asks for more here.
    expect(pick(1_001, 1_000, 150)).toEqual(['a', 'b', 'c']);
    expect(pick(1_401, 1_000, 900)).toEqual(['a', 'b']);
    // The plan says what it counted from.
    const p = planCleanup(
      bareInput({ type: 'prune-build-cache', minFreeSpace: 1_401 }, { buildCache: three, diskFree: 1_000 }),
    );
    expect(p.diskFree).toBe(1_000);
    expect(p.steps.map((s) => s.label)).toEqual(['a', 'b']);
  });

  it('never takes a parent whose child stays: the engine would keep it', () => {
    // base is older than a day, but child (used 2 h ago) is built on it.
    expect(cacheCandidates({ type: 'prune-build-cache', until: '24h' }, all, NOW_MS)).toEqual([]);
    const sharedChild = { ...child, shared: true };
    expect(cacheCandidates({ type: 'prune-build-cache' }, [base, sharedChild], NOW_MS)).toEqual([]);
    expect(cacheCandidates({ type: 'prune-build-cache', keepStorage: 0 }, [base, sharedChild], NOW_MS)).toEqual([]);
  });

  it('writes each record as its own command, after other kinds of steps', () => {
    const step = (target: string) => ({
      id: 's1',
      action: 'remove-build-cache' as const,
      target,
      label: 'x',
      reason: 'unused-cache' as const,
      risks: [],
      after: [],
      bytes: 1,
      expect: {},
    });
    expect(cliCommands([step(id('a')), step(id('b'))])).toEqual([
      `docker builder prune -f --filter id=${id('a')}`,
      `docker builder prune -f --filter id=${id('b')}`,
    ]);
  });
});
