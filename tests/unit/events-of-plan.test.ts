// A plan's finished steps as the events they amount to: applied to the followed
// lists before the report returns, so the next preview sees what the plan did.

import { expect, it } from 'vitest';
import { eventsOfPlan } from '../../src-main/inventory/engine-events';
import type { Plan, PlanStep } from '../../src-shared/plan';
import { planStep } from './support/plan-steps';

const ID = (c: string) => `sha256:${c.repeat(64)}`;
const step = (id: string, action: PlanStep['action'], target: string, extra: Partial<PlanStep> = {}) =>
  planStep(action, target, { id, ...extra });

it('turns done and already-gone steps into events; conflicts and steps not run change nothing', () => {
  const plan = {
    steps: [
      step('s1', 'stop-container', 'c1'),
      step('s2', 'remove-container', 'c1'),
      step('s3', 'untag', 'web:canary', { expect: { imageId: ID('a') } }),
      step('s4', 'remove-image', ID('b'), { alsoRemoves: [{ id: ID('c'), bytes: 1 }] }),
      step('s5', 'remove-image', ID('d')),
      step('s6', 'remove-volume', 'data'),
    ],
  } as unknown as Plan;
  const events = eventsOfPlan(plan, {
    outcomes: {
      s1: { state: 'done' },
      s2: { state: 'done' },
      s3: { state: 'already-gone' },
      s4: { state: 'done' },
      s5: { state: 'conflict', kind: 'plan-stale', message: 'x' },
      s6: { state: 'done' },
    },
  });
  expect(events).toEqual([
    { type: 'container', action: 'stop', id: 'c1' },
    { type: 'container', action: 'destroy', id: 'c1' },
    { type: 'image', action: 'untag', id: ID('a') },
    { type: 'image', action: 'delete', id: ID('b') },
    { type: 'image', action: 'delete', id: ID('c') },
  ]);
});
