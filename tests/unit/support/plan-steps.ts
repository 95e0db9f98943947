// A plan step for pure tests: what the planner would make, with the fields a test
// does not care about filled in.

import type { PlanStep } from '../../../src-shared/plan';

export function planStep(action: PlanStep['action'], target: string, extra: Partial<PlanStep> = {}): PlanStep {
  return {
    id: target,
    action,
    target,
    label: target,
    reason: 'selected',
    risks: [],
    after: [],
    bytes: 0,
    expect: {},
    ...extra,
  };
}
