// The executor's ordering rules, on plans of plain steps and a `run` that
// records what it was asked to do (the engine side is tested live in
// tests/integration/executor.test.ts).

import { phrase, type Phrase } from '../../src-shared/phrase';
import { describe, expect, it } from 'vitest';
import type { PlanStep, StepOutcome } from '../../src-shared/plan';
import { runSteps, type FinalOutcome } from '../../src-main/execution/schedule';

function step(id: string, after: string[] = []): PlanStep {
  return {
    id,
    action: 'remove-image',
    target: `t-${id}`,
    label: `L${id}`,
    reason: 'selected',
    risks: [],
    after,
    bytes: 0,
    expect: {},
  };
}

const tick = () => new Promise((r) => setTimeout(r, 1));

/** A run that finishes each step after a tick, with a chosen outcome, recording start order and overlap. */
function recorder(outcomes: Record<string, FinalOutcome> = {}) {
  const started: string[] = [];
  let active = 0;
  let maxActive = 0;
  const run = async (s: PlanStep): Promise<FinalOutcome> => {
    started.push(s.id);
    active++;
    maxActive = Math.max(maxActive, active);
    await tick();
    active--;
    return outcomes[s.id] ?? { state: 'done' };
  };
  return { run, started, max: () => maxActive };
}

const never = () => null;

describe('runSteps', () => {
  it('starts a step only after everything it waits for is done', async () => {
    const steps = [step('s1'), step('s2', ['s1']), step('s3', ['s2']), step('s4', ['s1', 's3'])];
    const r = recorder();
    const out = await runSteps(steps, r.run, { stopReason: never });
    expect(r.started).toEqual(['s1', 's2', 's3', 's4']);
    expect([...out.values()].every((o) => o.state === 'done')).toBe(true);
  });

  it('runs independent steps in parallel, never more than the limit', async () => {
    const steps = Array.from({ length: 10 }, (_, i) => step(`s${i + 1}`));
    const r = recorder();
    await runSteps(steps, r.run, { stopReason: never, concurrency: 4 });
    expect(r.max()).toBe(4);
    const one = recorder();
    await runSteps(steps, one.run, { stopReason: never, concurrency: 1 });
    expect(one.max()).toBe(1);
  });

  it('a step already gone counts as done for its dependents', async () => {
    const r = recorder({ s1: { state: 'already-gone' } });
    const out = await runSteps([step('s1'), step('s2', ['s1'])], r.run, { stopReason: never });
    expect(out.get('s2')).toEqual({ state: 'done' });
  });

  it('dependents of a step that did not finish are not run, transitively; the rest go on', async () => {
    const steps = [step('s1'), step('s2', ['s1']), step('s3', ['s2']), step('s4')];
    const r = recorder({ s1: { state: 'conflict', kind: 'running-container', message: 'in use' } });
    const out = await runSteps(steps, r.run, { stopReason: never });
    expect(r.started.sort()).toEqual(['s1', 's4']);
    expect(out.get('s2')).toEqual({
      state: 'not-run',
      reason: phrase('outcome.waitsFor', { step: 's1', label: 'Ls1' }),
    });
    expect(out.get('s3')).toEqual({
      state: 'not-run',
      reason: phrase('outcome.waitsFor', { step: 's2', label: 'Ls2' }),
    });
    expect(out.get('s4')).toEqual({ state: 'done' });
  });

  it('stops starting steps once told to, and lets running ones finish', async () => {
    let stop: Phrase | null = null;
    const steps = [step('s1'), step('s2', ['s1']), step('s3', ['s2'])];
    const run = async (s: PlanStep): Promise<FinalOutcome> => {
      await tick();
      if (s.id === 's1') stop = phrase('outcome.cancelled');
      return { state: 'done' };
    };
    const out = await runSteps(steps, run, { stopReason: () => stop });
    expect(out.get('s1')).toEqual({ state: 'done' });
    expect(out.get('s2')).toEqual({ state: 'not-run', reason: phrase('outcome.cancelled') });
    expect(out.get('s3')).toEqual({ state: 'not-run', reason: phrase('outcome.cancelled') });
  });

  it('reports running, then the outcome, for every step', async () => {
    const seen: [string, StepOutcome['state']][] = [];
    await runSteps([step('s1'), step('s2', ['s1'])], recorder().run, {
      stopReason: never,
      onChange: (s, o) => seen.push([s.id, o.state]),
    });
    expect(seen).toEqual([
      ['s1', 'running'],
      ['s1', 'done'],
      ['s2', 'running'],
      ['s2', 'done'],
    ]);
  });

  it('turns a thrown error into a failed step, and never hangs on a malformed plan', async () => {
    const run = async (s: PlanStep): Promise<FinalOutcome> => {
      if (s.id === 's1') throw new Error('boom');
      return { state: 'done' };
    };
    const out = await runSteps([step('s1'), step('s2', ['s3']), step('s3', ['s2']), step('s4', ['nope'])], run, {
      stopReason: never,
    });
    expect(out.get('s1')).toMatchObject({ state: 'failed', message: 'Error: boom' });
    expect(out.get('s2')).toEqual({ state: 'not-run', reason: phrase('outcome.cycle') });
    expect(out.get('s4')).toEqual({ state: 'not-run', reason: phrase('outcome.waitsForUnknown', { step: 'nope' }) });
  });
});
