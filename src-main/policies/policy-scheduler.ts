// When policies run: a check every minute for enabled policies whose next run
// (src-shared/policy.ts nextRunAt) has come, threshold policies also soon after
// the inventory changes, and one run at a time. Electron-free: the clock and the
// timer are injected, so tests move time by hand.
//
// Catching up after sleep needs nothing special: a policy's next run counts from
// its last one, and each run records a new last run, so however many periods a
// sleeping computer missed, the first check after waking finds the policy due
// once, runs it, and the next is one period from then.

import type { Policy, PolicyStatus } from '../../src-shared/policy';
import { inBackground } from '../runtime/background';

export interface SchedulerTimer {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PolicySchedulerDeps {
  /** The policies with each one's next run, as the service lists them. */
  list(): PolicyStatus[];
  /** Runs one policy once (policy-runner.ts); the run records itself. */
  run(policy: Policy): Promise<unknown>;
  now(): number;
  timer?: SchedulerTimer;
  /** Whether a run could happen now: an engine connected, and no plan of the person's running. */
  ready(): boolean;
  /** The inventory's changes (engine events), after which threshold policies are checked. */
  onInventoryChange?(listener: () => void): () => void;
  /** Told when a run threw (runs record their own failures; this is for what they could not). */
  onError?(policy: Policy, err: unknown): void;
  /** How often due policies are looked for. */
  tickMs?: number;
  /** Engine events come in bursts: how long the inventory must be quiet before a threshold check. */
  debounceMs?: number;
  /** A threshold policy checked on events at most this often (its own plans' removals are events too). */
  eventGapMs?: number;
}

export const TICK_MS = 60_000;
export const EVENT_DEBOUNCE_MS = 30_000;
export const EVENT_GAP_MS = 5 * 60_000;

const realTimer: SchedulerTimer = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class PolicyScheduler {
  private tickHandle: unknown = null;
  private eventHandle: unknown = null;
  private off: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private readonly timer: SchedulerTimer;

  constructor(private readonly deps: PolicySchedulerDeps) {
    this.timer = deps.timer ?? realTimer;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.off = this.deps.onInventoryChange?.(() => this.inventoryChanged()) ?? null;
    this.scheduleTick(0);
  }

  stop(): void {
    this.stopped = true;
    this.off?.();
    this.off = null;
    if (this.tickHandle !== null) this.timer.clearTimeout(this.tickHandle);
    if (this.eventHandle !== null) this.timer.clearTimeout(this.eventHandle);
    this.tickHandle = this.eventHandle = null;
  }

  /** Runs every policy due now, one after another; resolves when they are done (tests await it). */
  check(): Promise<void> {
    return this.runWhile((status, now) => status.nextRun !== undefined && status.nextRun <= now);
  }

  /** Threshold policies, after inventory changes: due unless one ran within the event gap. */
  checkThresholds(): Promise<void> {
    const gap = this.deps.eventGapMs ?? EVENT_GAP_MS;
    return this.runWhile(
      (status, now) =>
        status.policy.enabled &&
        status.policy.schedule === 'over-threshold' &&
        (status.lastRun === undefined || now - status.lastRun.at >= gap),
    );
  }

  /** One pass at a time: a check asked while one runs waits for it, then looks again. */
  private runWhile(due: (status: PolicyStatus, now: number) => boolean): Promise<void> {
    const previous = this.running ?? Promise.resolve();
    const pass = previous.then(() => this.pass(due));
    const settled = pass.finally(() => {
      if (this.running === settled) this.running = null;
    });
    this.running = settled;
    return settled;
  }

  private async pass(due: (status: PolicyStatus, now: number) => boolean): Promise<void> {
    // Listed again before each run: a run changes its own next run, and the person may edit meanwhile.
    const done = new Set<string>();
    for (;;) {
      if (this.stopped || !this.deps.ready()) return;
      const now = this.deps.now();
      const next = this.deps.list().find((s) => !done.has(s.policy.name) && due(s, now));
      if (!next) return;
      done.add(next.policy.name);
      try {
        await this.deps.run(next.policy);
      } catch (err) {
        this.deps.onError?.(next.policy, err);
      }
    }
  }

  private scheduleTick(ms: number): void {
    if (this.stopped) return;
    this.tickHandle = this.timer.setTimeout(() => {
      this.tickHandle = null;
      inBackground(
        this.check().finally(() => this.scheduleTick(this.deps.tickMs ?? TICK_MS)),
        'checking which policies are due',
      );
    }, ms);
  }

  private inventoryChanged(): void {
    if (this.stopped) return;
    if (this.eventHandle !== null) this.timer.clearTimeout(this.eventHandle);
    this.eventHandle = this.timer.setTimeout(() => {
      this.eventHandle = null;
      inBackground(this.checkThresholds(), 'checking threshold policies after engine events');
    }, this.deps.debounceMs ?? EVENT_DEBOUNCE_MS);
  }
}
