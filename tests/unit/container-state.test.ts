// The one "active container" rule (src-shared/container-state.ts). Six copies
// agreed on the three states but not on what they took: the main and renderer
// predicates took only a ContainerState, the classifier and the fix flows a
// string or null, disk usage /system/df's raw optional field. Main's disk usage
// and the renderer's container filter now read the same rule.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { isActiveState } from '../../src-shared/container-state';
import type { ContainerState } from '../../src-shared/model';
import { toDiskUsage } from '../../src-main/inventory/disk-usage';
import { toContainerSummary } from '../../src-main/inventory/relations';
import { filterContainers } from '../../src-renderer/lib/container-rows';

const allStates: ContainerState[] = ['running', 'paused', 'restarting', 'exited', 'created', 'dead', 'removing'];

describe('isActiveState', () => {
  it('running, paused and restarting hold their image; the rest are stopped', () => {
    expect(allStates.filter(isActiveState)).toEqual(['running', 'paused', 'restarting']);
  });

  it('takes what engines send outside the union, and no state at all', () => {
    expectTypeOf(isActiveState).parameter(0).toEqualTypeOf<string | null | undefined>();
    for (const raw of ['stopped', 'configured', 'initialized', 'Running', 'up', '']) {
      expect(isActiveState(raw), raw).toBe(false);
    }
    expect(isActiveState(null)).toBe(false);
    expect(isActiveState(undefined)).toBe(false);
  });

  it('narrows a string to the active states', () => {
    const state: string = 'paused';
    if (isActiveState(state)) expectTypeOf(state).toEqualTypeOf<'running' | 'paused' | 'restarting'>();
  });
});

describe('one rule on both sides', () => {
  it("main's disk usage counts as active what the containers table lists as running", () => {
    const listed = allStates.map((State) =>
      toContainerSummary({ Id: State, Image: 'x', ImageID: 'x', State, Created: 0 }),
    );
    const raw = [...allStates.map((State) => ({ State, SizeRw: 1 })), { SizeRw: 1 }, { State: 'stopped', SizeRw: 1 }];
    const usage = toDiskUsage({ Containers: raw }, 0, 0);
    expect(usage.containers.active).toBe(filterContainers(listed, 'running', null).length);
    expect(usage.containers.reclaimable).toBe(raw.length - usage.containers.active);
  });
});
