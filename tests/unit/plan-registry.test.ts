// Previewed plans are executed by id + digest only, once, exactly as shown.

import { describe, expect, it } from 'vitest';
import { PlanRegistry, PlanStaleError } from '../../src-main/planning/plan-registry';
import { planCleanup } from '../../src-main/planning/planner';
import { inventory, planningInput } from './support/inventory-builder';

const inv = inventory([
  { name: 'a', tags: ['a:1'] },
  { name: 'b', tags: ['b:1'] },
]);
const preview = () => planCleanup(planningInput(inv, { type: 'remove-images', refs: ['a:1', 'b:1'] }));

describe('PlanRegistry', () => {
  it('hands out the stored plan for the right id and digest, once', () => {
    const registry = new PlanRegistry();
    const plan = preview();
    registry.remember(plan);
    const claimed = registry.claim(plan.id, plan.digest);
    expect(claimed).toEqual(plan);
    expect(registry.isRunning(plan.id)).toBe(true);
    expect(() => registry.claim(plan.id, plan.digest)).toThrow(/already running/);
    registry.finished(plan.id);
    expect(() => registry.claim(plan.id, plan.digest)).toThrow(/already run/);
  });

  it('forgets a previewed plan, never a running one', () => {
    const registry = new PlanRegistry();
    const idle = preview();
    const running = preview();
    registry.remember(idle);
    registry.remember(running);
    registry.claim(running.id, running.digest);
    registry.forget(idle.id);
    registry.forget(running.id);
    expect(registry.get(idle.id)).toBeUndefined();
    expect(registry.isRunning(running.id)).toBe(true);
  });

  it('refuses an unknown id or another digest', () => {
    const registry = new PlanRegistry();
    const plan = preview();
    registry.remember(plan);
    expect(() => registry.claim(preview().id, plan.digest)).toThrow(PlanStaleError);
    expect(() => registry.claim(plan.id, preview().digest)).toThrow(/digest differs/);
  });

  it('runs the plan as shown, even if the caller changed its copy afterwards', () => {
    const registry = new PlanRegistry();
    const plan = preview();
    registry.remember(plan);
    plan.steps[0]!.force = true;
    plan.steps.pop();
    const claimed = registry.claim(plan.id, plan.digest);
    expect(claimed.steps).toHaveLength(2);
    expect(claimed.steps[0]!.force).toBeUndefined();
  });

  it('keeps the last plans only, never dropping a running one', () => {
    const registry = new PlanRegistry(2);
    const first = preview();
    registry.remember(first);
    registry.claim(first.id, first.digest);
    const others = [preview(), preview(), preview()];
    for (const p of others) registry.remember(p);
    expect(registry.isRunning(first.id)).toBe(true);
    expect(registry.get(others[0]!.id)).toBeUndefined();
    expect(registry.get(others[2]!.id)).toBeDefined();
  });
});
