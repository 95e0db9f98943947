// Previewed plans, kept by id so that executing runs exactly the plan the
// person saw: the renderer sends only an id and the digest it was shown, never
// steps. A plan runs once; an unknown id, a wrong digest or a second run is
// refused as stale.

import type { Plan } from '../../src-shared/plan';
import { planDigest } from './planner';

export class PlanStaleError extends Error {
  readonly kind = 'plan-stale';
}

type State = 'previewed' | 'running' | 'executed';

export class PlanRegistry {
  private readonly plans = new Map<string, { plan: Plan; state: State }>();

  constructor(private readonly limit = 20) {}

  remember(plan: Plan): void {
    this.plans.delete(plan.id);
    // A copy: whatever the caller does with the plan it was given, this one runs as shown.
    this.plans.set(plan.id, { plan: structuredClone(plan), state: 'previewed' });
    // Oldest first out, but never one that is running.
    for (const [id, entry] of this.plans) {
      if (this.plans.size <= this.limit) break;
      if (entry.state !== 'running') this.plans.delete(id);
    }
  }

  get(id: string): Plan | undefined {
    return this.plans.get(id)?.plan;
  }

  isRunning(id: string): boolean {
    return this.plans.get(id)?.state === 'running';
  }

  /** The stored plan to execute, marked running; throws PlanStaleError when it may not run. */
  claim(id: string, digest: string): Plan {
    const entry = this.plans.get(id);
    if (!entry) {
      throw new PlanStaleError('This plan is no longer known (too old, or Barnacle restarted). Preview it again.');
    }
    const { digest: stored, ...rest } = entry.plan;
    if (stored !== digest || planDigest(rest) !== stored) {
      throw new PlanStaleError('The plan changed since it was shown (its digest differs). Preview it again.');
    }
    if (entry.state === 'running') throw new PlanStaleError('This plan is already running.');
    if (entry.state === 'executed') throw new PlanStaleError('This plan has already run. Preview again for a new one.');
    entry.state = 'running';
    return entry.plan;
  }

  finished(id: string): void {
    const entry = this.plans.get(id);
    if (entry) entry.state = 'executed';
  }
}
