// Runs a plan's steps as a dependency graph: a step starts once every step in
// its `after` is done (or was already gone), at most `concurrency` at a time,
// and never when one of them did not finish (it becomes not-run, and so do its
// own dependents). Pure: the engine work is the `run` function passed in, so
// the ordering rules are tested without an engine.

import type { PlanStep, StepOutcome } from '../../src-shared/plan';
import { phrase, type Phrase } from '../../src-shared/phrase';

export type FinalOutcome = Exclude<StepOutcome, { state: 'pending' } | { state: 'running' }>;

export interface ScheduleOptions {
  /** Steps running at once (default 4). */
  concurrency?: number;
  /** Why no further step may start (cancelled, engine gone), or null to go on. Asked before each start. */
  stopReason: () => Phrase | null;
  /** Every change of a step's state: running, then its final outcome. */
  onChange?: (step: PlanStep, outcome: StepOutcome) => void;
}

export const succeeded = (o: StepOutcome | undefined): boolean => o?.state === 'done' || o?.state === 'already-gone';
const isFinal = (o: StepOutcome | undefined): o is FinalOutcome =>
  !!o && o.state !== 'pending' && o.state !== 'running';

export async function runSteps(
  steps: readonly PlanStep[],
  run: (step: PlanStep) => Promise<FinalOutcome>,
  options: ScheduleOptions,
): Promise<Map<string, FinalOutcome>> {
  const limit = Math.max(1, options.concurrency ?? 4);
  const byId = new Map(steps.map((s) => [s.id, s]));
  const outcomes = new Map<string, StepOutcome>(steps.map((s) => [s.id, { state: 'pending' }]));
  const running = new Map<string, Promise<void>>();

  const settle = (step: PlanStep, outcome: StepOutcome) => {
    outcomes.set(step.id, outcome);
    options.onChange?.(step, outcome);
  };

  /** Pending steps that can never start: a step they wait for did not finish, or does not exist. */
  const settleBlocked = () => {
    for (let changed = true; changed;) {
      changed = false;
      for (const step of steps) {
        if (outcomes.get(step.id)?.state !== 'pending') continue;
        const blocker = step.after.find((dep) => {
          const o = outcomes.get(dep);
          return !byId.has(dep) || (isFinal(o) && !succeeded(o));
        });
        if (blocker === undefined) continue;
        const label = byId.get(blocker)?.label;
        settle(step, {
          state: 'not-run',
          reason: label
            ? phrase('outcome.waitsFor', { step: blocker, label })
            : phrase('outcome.waitsForUnknown', { step: blocker }),
        });
        changed = true;
      }
    }
  };

  for (;;) {
    settleBlocked();
    const pending = steps.filter((s) => outcomes.get(s.id)?.state === 'pending');
    const stop = pending.length > 0 ? options.stopReason() : null;
    if (stop !== null) for (const step of pending) settle(step, { state: 'not-run', reason: stop });
    else {
      const ready = pending.filter((s) => s.after.every((dep) => succeeded(outcomes.get(dep))));
      for (const step of ready.slice(0, limit - running.size)) {
        settle(step, { state: 'running' });
        running.set(
          step.id,
          run(step)
            .catch((err: unknown): FinalOutcome => ({ state: 'failed', kind: 'unknown', message: String(err) }))
            .then((outcome) => {
              running.delete(step.id);
              settle(step, outcome);
            }),
        );
      }
      if (running.size === 0 && ready.length === 0 && pending.length > 0) {
        // Nothing runs and nothing can start: the rest wait on each other (a malformed plan).
        for (const step of pending) settle(step, { state: 'not-run', reason: phrase('outcome.cycle') });
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  return new Map([...outcomes].map(([id, o]) => [id, o as FinalOutcome]));
}
