// Previewed plans, kept by id so that executing runs exactly the plan the
// person saw: the renderer sends only an id and the digest it was shown, never
// steps. A plan runs once; an unknown id, a wrong digest or a second run is
// refused as stale.

import type { Plan } from '../../src-shared/plan';
import { planDigest } from './planner';
import { PhraseError } from '../../src-shared/phrase-error';
import { phrase } from '../../src-shared/phrase';

/** A plan that may not run as asked; its phrase is what the window shows. */
export class PlanStaleError extends PhraseError {
  override readonly kind = 'plan-stale';
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
    if (!entry) throw new PlanStaleError(phrase('request.planUnknown'));
    const { digest: stored, ...rest } = entry.plan;
    if (stored !== digest || planDigest(rest) !== stored) {
      throw new PlanStaleError(phrase('request.planChanged'));
    }
    if (entry.state === 'running') throw new PlanStaleError(phrase('request.planRunning'));
    if (entry.state === 'executed') throw new PlanStaleError(phrase('request.planRan'));
    entry.state = 'running';
    return entry.plan;
  }

  /** Drops a previewed plan nobody will run (a policy's check that found nothing); a running one stays. */
  forget(id: string): void {
    if (this.plans.get(id)?.state !== 'running') this.plans.delete(id);
  }

  finished(id: string): void {
    const entry = this.plans.get(id);
    if (entry) entry.state = 'executed';
  }
}
