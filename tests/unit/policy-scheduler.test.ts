// The policy scheduler with a hand-moved clock and timer: what is due runs, what
// is not waits, disabled policies never run, a long sleep runs each overdue policy
// once, runs never overlap, and threshold policies are checked after a quiet
// spell following inventory changes.

import { describe, expect, it } from 'vitest';
import { HOUR_MS, nextRunAt, type Policy, type PolicyRun, type PolicyStatus } from '../../src-shared/policy';
import { PolicyScheduler, type SchedulerTimer } from '../../src-main/policies/policy-scheduler';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** A timer whose time moves only when the test says so. */
class FakeTimer implements SchedulerTimer {
  now = T0;
  private seq = 0;
  private readonly pending = new Map<number, { at: number; run: () => void }>();
  setTimeout(run: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.set(id, { at: this.now + ms, run });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Moves the clock, firing timers that come due on the way (each at most once per call). */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      const next = [...this.pending.entries()].sort((a, b) => a[1].at - b[1].at).find(([, t]) => t.at <= end);
      if (!next) break;
      this.pending.delete(next[0]);
      this.now = Math.max(this.now, next[1].at);
      next[1].run();
      await flush();
    }
    this.now = end;
    await flush();
  }
  /** A jump of the wall clock with the timers not firing meanwhile (a sleeping computer). */
  jump(ms: number): void {
    this.now += ms;
    for (const t of this.pending.values()) t.at = Math.min(t.at, this.now);
  }
}

const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

const policy = (name: string, extra: Partial<Policy> = {}): Policy => ({
  name,
  enabled: true,
  schedule: 'daily',
  mode: 'notify',
  rules: { unusedFor: '720h' },
  ...extra,
});

function harness(policies: Policy[], runs: Record<string, PolicyRun> = {}) {
  const timer = new FakeTimer();
  const ran: string[] = [];
  let listener: (() => void) | null = null;
  let ready = true;
  let release: (() => void) | null = null;
  let holdRuns = false;
  let concurrent = 0;
  let maxConcurrent = 0;
  const list = (): PolicyStatus[] =>
    policies.map((p) => {
      const lastRun = runs[p.name];
      const next = nextRunAt(p, lastRun?.at, timer.now);
      return { policy: p, ...(lastRun ? { lastRun } : {}), ...(next !== undefined ? { nextRun: next } : {}) };
    });
  const scheduler = new PolicyScheduler({
    list,
    now: () => timer.now,
    timer,
    ready: () => ready,
    onInventoryChange: (l) => {
      listener = l;
      return () => (listener = null);
    },
    run: async (p) => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      ran.push(p.name);
      if (holdRuns) await new Promise<void>((r) => (release = r));
      runs[p.name] = { at: timer.now, outcome: 'nothing', bytes: 0, images: 0 };
      concurrent--;
    },
  });
  return {
    timer,
    ran,
    scheduler,
    runs,
    setReady: (r: boolean) => (ready = r),
    hold: () => (holdRuns = true),
    release: () => {
      holdRuns = false;
      release?.();
    },
    event: () => listener?.(),
    maxConcurrent: () => maxConcurrent,
  };
}

describe('PolicyScheduler', () => {
  it('runs a policy that never ran at once, then not again until its period has passed', async () => {
    const h = harness([policy('daily')]);
    h.scheduler.start();
    await h.timer.advance(0);
    expect(h.ran).toEqual(['daily']);
    await h.timer.advance(23 * HOUR_MS);
    expect(h.ran).toEqual(['daily']);
    await h.timer.advance(HOUR_MS + 60_000);
    expect(h.ran).toEqual(['daily', 'daily']);
    h.scheduler.stop();
  });

  it('leaves a policy alone before it is due and never runs a disabled one', async () => {
    const h = harness([policy('weekly', { schedule: 'weekly' }), policy('off', { enabled: false })], {
      weekly: { at: T0 - HOUR_MS, outcome: 'notified', bytes: 1, images: 1 },
    });
    h.scheduler.start();
    await h.timer.advance(7 * 24 * HOUR_MS - 2 * HOUR_MS); // due one week after its last run: T0 + 7 d - 1 h
    expect(h.ran).toEqual([]);
    await h.timer.advance(HOUR_MS + 60_000);
    expect(h.ran).toEqual(['weekly']);
    h.scheduler.stop();
  });

  it('after a sleep through many periods runs each overdue policy once', async () => {
    const h = harness([policy('hourly', { schedule: 'hourly' }), policy('daily')]);
    h.scheduler.start();
    await h.timer.advance(0);
    expect(h.ran).toEqual(['hourly', 'daily']);
    h.timer.jump(3 * 24 * HOUR_MS); // three days asleep: 72 hourly periods, 3 daily ones
    await h.timer.advance(0);
    expect(h.ran).toEqual(['hourly', 'daily', 'hourly', 'daily']);
    // The next run counts from the catch-up, not from before the sleep.
    expect(h.runs.hourly!.at).toBe(T0 + 3 * 24 * HOUR_MS);
    await h.timer.advance(30 * 60_000);
    expect(h.ran).toHaveLength(4);
    h.scheduler.stop();
  });

  it('runs one policy at a time, and a check asked meanwhile waits', async () => {
    const h = harness([policy('a'), policy('b')]);
    h.hold();
    h.scheduler.start();
    await h.timer.advance(0);
    const second = h.scheduler.check();
    await flush();
    expect(h.ran).toEqual(['a']);
    h.release();
    await h.timer.advance(0);
    await second;
    expect(h.ran).toEqual(['a', 'b']);
    expect(h.maxConcurrent()).toBe(1);
    h.scheduler.stop();
  });

  it('does not run while not ready (no engine, or a plan of the person running), and runs once ready', async () => {
    const h = harness([policy('a')]);
    h.setReady(false);
    h.scheduler.start();
    await h.timer.advance(5 * 60_000);
    expect(h.ran).toEqual([]);
    h.setReady(true);
    await h.timer.advance(60_000);
    expect(h.ran).toEqual(['a']);
    h.scheduler.stop();
  });

  it('checks threshold policies after inventory changes, once the burst is quiet, at most once per gap', async () => {
    const threshold = policy('full', {
      schedule: 'over-threshold',
      rules: { threshold: { measure: 'images-bytes', trigger: 10, target: 5 } },
    });
    const h = harness([threshold, policy('daily')], {
      full: { at: T0 - 60_000, outcome: 'nothing', bytes: 0, images: 0 },
      daily: { at: T0 - 60_000, outcome: 'nothing', bytes: 0, images: 0 },
    });
    h.scheduler.start();
    await h.timer.advance(6 * 60_000); // past the event gap, before the quarter-hour check
    expect(h.ran).toEqual([]);
    h.event();
    await h.timer.advance(10_000);
    h.event();
    await h.timer.advance(10_000);
    h.event();
    await h.timer.advance(29_000);
    expect(h.ran).toEqual([]); // still within 30 s of the last event
    await h.timer.advance(2_000);
    expect(h.ran).toEqual(['full']); // the daily policy is not checked by events
    h.event();
    await h.timer.advance(31_000);
    expect(h.ran).toEqual(['full']); // within five minutes of its last run
    h.scheduler.stop();
  });

  it('checks a threshold policy every quarter hour without events', async () => {
    const threshold = policy('full', {
      schedule: 'over-threshold',
      rules: { threshold: { measure: 'images-bytes', trigger: 10, target: 5 } },
    });
    const h = harness([threshold]);
    h.scheduler.start();
    await h.timer.advance(0);
    await h.timer.advance(14 * 60_000);
    expect(h.ran).toEqual(['full']);
    await h.timer.advance(60_000);
    expect(h.ran).toEqual(['full', 'full']);
    h.scheduler.stop();
  });

  it('does nothing once stopped', async () => {
    const h = harness([policy('a', { schedule: 'hourly' })]);
    h.scheduler.start();
    await h.timer.advance(0);
    h.scheduler.stop();
    h.event();
    await h.timer.advance(5 * HOUR_MS);
    expect(h.ran).toEqual(['a']);
  });
});
