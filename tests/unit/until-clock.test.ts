import { describe, expect, it } from 'vitest';
import { planCleanup } from '../../src-main/planning/planner';
import type { CleanupIntent } from '../../src-shared/plan';
import {
  dockerClassic,
  dockerContainerd,
  imageId,
  inventory,
  NOW_MS,
  planningInput,
  podman,
} from './support/inventory-builder';

const HOUR = 3600;
// "old" was built 10 days ago but arrived (loaded) a minute ago; "fresh" was built
// an hour ago and has been on the engine since.
const inv = () =>
  inventory([
    { name: 'old', tags: ['old:1'], created: NOW_MS / 1000 - 240 * HOUR },
    { name: 'fresh', tags: ['fresh:1'], created: NOW_MS / 1000 - HOUR },
  ]);
const prune = (extra: Partial<Extract<CleanupIntent, { type: 'prune-images' }>> = {}): CleanupIntent => ({
  type: 'prune-images',
  all: true,
  until: '30m',
  ...extra,
});
const removed = (plan: ReturnType<typeof planCleanup>) =>
  plan.steps.filter((s) => s.action === 'remove-image').map((s) => s.target);

describe('"older than" reads the clock the engine reads', () => {
  it('classic store and Podman: the build date, which is what their own prune compares', () => {
    for (const engine of [dockerClassic, podman]) {
      const plan = planCleanup(planningInput(inv(), prune(), engine));
      expect(removed(plan).sort()).toEqual([imageId('fresh'), imageId('old')].sort());
      expect(plan.untilBasis).toBe('build-date');
    }
  });

  it("containerd store: the engine's own answer to the until filter (when the image arrived)", () => {
    // The engine listed only "fresh" under until=30m: "old" arrived a minute ago.
    const olderOnEngineClock = new Set([imageId('fresh')]);
    const plan = planCleanup({ ...planningInput(inv(), prune(), dockerContainerd), olderOnEngineClock });
    expect(removed(plan)).toEqual([imageId('fresh')]);
    expect(plan.untilBasis).toBe('arrival');
  });

  it('containerd store, asked for the build date: compares Created, and says so', () => {
    const olderOnEngineClock = new Set([imageId('fresh')]);
    const plan = planCleanup({
      ...planningInput(inv(), prune({ untilClock: 'build', until: '100h' }), dockerContainerd),
      olderOnEngineClock,
    });
    expect(removed(plan)).toEqual([imageId('old')]);
    expect(plan.untilBasis).toBe('build-date');
  });

  it('no until: no basis', () => {
    expect(planCleanup(planningInput(inv(), prune({ until: undefined }), dockerContainerd)).untilBasis).toBeUndefined();
  });
});
