// Which clock `prune --filter until` reads (src-shared/image-store.ts): the
// planner picks its cut-off by usesArrivalClock and the prune dialog offers the
// clock choice by the same rule (it had its own copy before).
import { describe, expect, it } from 'vitest';
import { storeFamilyOf, usesArrivalClock } from '../../src-shared/image-store';
import type { EngineKind, ImageStore } from '../../src-shared/model';
import { arrivalClock } from '../../src-renderer/plan/prune/prune-form';

const engines = (['docker', 'podman'] as EngineKind[]).flatMap((kind) =>
  (['classic', 'containerd'] as ImageStore[]).map((imageStore) => ({ kind, imageStore })),
);

describe('usesArrivalClock', () => {
  it("is Docker's containerd store only", () => {
    expect(engines.filter(usesArrivalClock)).toEqual([{ kind: 'docker', imageStore: 'containerd' }]);
    expect(engines.map(storeFamilyOf)).toEqual(['classic', 'containerd', 'podman', 'podman']);
  });

  it('is what the prune dialog offers the clock choice by; no engine, no choice', () => {
    for (const engine of engines) expect(arrivalClock(engine), JSON.stringify(engine)).toBe(usesArrivalClock(engine));
    expect(arrivalClock(null)).toBe(false);
  });
});
