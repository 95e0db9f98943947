// The cleanup flow the renderer shows over any screen: which dialog is open,
// the intent being planned, the plan main answered, and — once confirmed —
// the execution's progress and report. Screens only call `planFlow.open…`;
// PlanLayer draws whatever this store says.
//
// Nothing here decides what to delete: main plans (previewPlan) and runs
// exactly the previewed plan (executePlan with its id + digest).

import type { BarnacleError } from '../../src-shared/errors';
import type { EngineHealth } from '../../src-shared/model';
import type {
  CleanupIntent,
  ConflictDecision,
  ExecutionReport,
  FixChoice,
  Plan,
  PlanProgress,
  StepOutcome,
} from '../../src-shared/plan';
import { api } from '../lib/api';
import { withChoice } from '../../src-shared/fix-choices';
import { engine } from './engine.svelte';

/** Where a live error came from, so the guided flow can build the intent that fixes it. */
export interface ErrorContext {
  /** What the person asked to remove or untag: a tag or an image ID. */
  ref?: string;
  /** How the plan named it for people (a tag, or the short ID): the dialog's title. */
  label?: string;
  /** The operation that failed ('remove-image', 'untag', …). */
  operation?: string;
}

export type FlowView =
  | { kind: 'closed' }
  | { kind: 'plan' }
  | { kind: 'prune' }
  | { kind: 'start-fresh' }
  | { kind: 'fix'; error: BarnacleError; context: ErrorContext }
  | { kind: 'engine'; health: EngineHealth | null; error: BarnacleError | null };

export type Phase = 'preview' | 'running' | 'finished';

const PREVIEW_DEBOUNCE_MS = 300;
const CONFIRM_SETTING_KEY = 'barnacle.plan.spellOutConfirm';

class PlanFlow {
  view = $state<FlowView>({ kind: 'closed' });
  intent = $state.raw<CleanupIntent | null>(null);
  plan = $state.raw<Plan | null>(null);
  previewing = $state(false);
  /** Why the last preview or execution failed. */
  error = $state.raw<BarnacleError | null>(null);
  phase = $state<Phase>('preview');
  outcomes = $state.raw<Record<string, StepOutcome>>({});
  progress = $state({ done: 0, total: 0 });
  report = $state.raw<ExecutionReport | null>(null);
  cancelling = $state(false);
  /** Prune only: a build cache plan is offered once the image plan has run (previewed like any plan). */
  pruneBuildCacheAfter = $state(false);
  /** The plan offered next, after this one finished (the prune dialog's build cache option). */
  nextIntent = $state.raw<CleanupIntent | null>(null);
  /** Bumped after every execution, so the activity screen reloads its history. */
  historyVersion = $state(0);
  /**
   * Setting: the Confirm button says what it does ("Stop 1 container and
   * remove 3 images") instead of a bare "Confirm". On by default; the settings
   * screen may bind a checkbox to it.
   */
  spellOutConfirm = $state(readSetting());

  private previewSeq = 0;
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private started = false;

  /** Subscribes to main's plan events; PlanLayer calls it once. */
  start(): void {
    if (this.started) return;
    this.started = true;
    api().on('planProgress', (p) => this.onProgress(p));
    api().on('showPlan', (plan) => this.showPlan(plan));
  }

  get isOpen(): boolean {
    return this.view.kind !== 'closed';
  }

  open(intent: CleanupIntent): void {
    this.reset({ kind: 'plan' });
    void this.preview(intent);
  }

  openPrune(): void {
    this.reset({ kind: 'prune' });
  }

  openStartFresh(): void {
    this.reset({ kind: 'start-fresh' });
  }

  /** A conflict the engine answered live: the same guided flow as a predicted one. */
  openError(error: BarnacleError, context: ErrorContext = {}): void {
    if (error.kind === 'engine-unreachable' || error.kind === 'permission-denied') {
      this.reset({ kind: 'engine', health: engine.health, error });
      return;
    }
    this.reset({ kind: 'fix', error, context });
  }

  /** Engine not running, socket missing, permission denied: what to do about it. */
  openEngineProblem(health: EngineHealth | null = engine.health): void {
    this.reset({ kind: 'engine', health, error: null });
  }

  /** The tray asked to show a plan main already made. */
  showPlan(plan: Plan): void {
    this.reset({ kind: 'plan' });
    this.intent = plan.intent;
    this.plan = plan;
  }

  close(): void {
    // A running plan keeps running in main; closing only hides it, so refuse while it runs.
    if (this.phase === 'running') return;
    this.reset({ kind: 'closed' });
  }

  /** Plans `intent` now; a newer call wins over an older answer. */
  async preview(intent: CleanupIntent): Promise<void> {
    this.clearDebounce();
    this.intent = intent;
    const seq = ++this.previewSeq;
    this.previewing = true;
    const result = await api().previewPlan({ intent });
    if (seq !== this.previewSeq) return;
    this.previewing = false;
    if (result.ok) {
      this.plan = result.value;
      this.error = null;
    } else {
      this.plan = null;
      this.error = result.error;
    }
  }

  /** Plans after the person stops changing options (prune dialog, start-fresh checklist). */
  previewSoon(intent: CleanupIntent): void {
    this.clearDebounce();
    this.intent = intent;
    this.previewing = true;
    this.debounce = setTimeout(() => void this.preview(intent), PREVIEW_DEBOUNCE_MS);
  }

  /** The person picked a fix for one conflict: re-plan with it, for that image only. */
  choose(decision: ConflictDecision, choice: FixChoice): void {
    if (!this.intent || this.phase !== 'preview') return;
    void this.preview(withChoice(this.intent, decision.imageId, decision.conflict, choice));
  }

  async confirm(): Promise<void> {
    const plan = this.plan;
    if (!plan || this.phase !== 'preview' || this.previewing || plan.steps.length === 0) return;
    this.phase = 'running';
    this.error = null;
    this.outcomes = Object.fromEntries(plan.steps.map((s) => [s.id, { state: 'pending' } as StepOutcome]));
    this.progress = { done: 0, total: plan.steps.length };
    const result = await api().executePlan({ planId: plan.id, digest: plan.digest });
    if (result.ok) {
      this.report = result.value;
      this.outcomes = { ...this.outcomes, ...result.value.outcomes };
      this.progress = { done: countSettled(this.outcomes), total: plan.steps.length };
      if (this.pruneBuildCacheAfter && plan.intent.type === 'prune-images' && !result.value.cancelled) {
        this.nextIntent = { type: 'prune-build-cache' };
      }
    } else {
      this.error = result.error;
    }
    this.cancelling = false;
    this.phase = 'finished';
    this.historyVersion++;
    void engine.refresh();
  }

  async cancelRun(): Promise<void> {
    if (!this.plan || this.phase !== 'running') return;
    this.cancelling = true;
    const result = await api().cancelPlan({ planId: this.plan.id });
    if (!result.ok) {
      this.cancelling = false;
      this.error = result.error;
    }
  }

  /** A fresh plan for what the last one left undone; shown for confirmation like any other. */
  async resume(): Promise<void> {
    const report = this.report;
    if (!report) return;
    this.previewing = true;
    const result = await api().resumePlan({ planId: report.planId });
    this.previewing = false;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.resetExecution();
    this.intent = result.value.intent;
    this.plan = result.value;
  }

  /** After a stale-plan refusal: plan the same intent again against today's engine. */
  replan(): void {
    if (!this.intent) return;
    this.resetExecution();
    void this.preview(this.intent);
  }

  setSpellOutConfirm(on: boolean): void {
    this.spellOutConfirm = on;
    try {
      localStorage.setItem(CONFIRM_SETTING_KEY, on ? '1' : '0');
    } catch {
      // Storage may be unavailable (private mode): the setting then lasts this session.
    }
  }

  /** Opens the plan offered after this one (its own preview, its own confirmation). */
  openNext(): void {
    const next = this.nextIntent;
    if (next) this.open(next);
  }

  private onProgress(p: PlanProgress): void {
    if (p.planId !== this.plan?.id || this.phase !== 'running') return;
    this.outcomes = { ...this.outcomes, [p.stepId]: p.outcome };
    this.progress = { done: p.done, total: p.total };
  }

  private reset(view: FlowView): void {
    if (this.phase === 'running') return;
    this.clearDebounce();
    this.previewSeq++;
    this.view = view;
    this.intent = null;
    this.plan = null;
    this.previewing = false;
    this.pruneBuildCacheAfter = false;
    this.resetExecution();
  }

  private resetExecution(): void {
    this.error = null;
    this.phase = 'preview';
    this.outcomes = {};
    this.progress = { done: 0, total: 0 };
    this.report = null;
    this.cancelling = false;
    this.nextIntent = null;
  }

  private clearDebounce(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = null;
  }
}

function countSettled(outcomes: Record<string, StepOutcome>): number {
  return Object.values(outcomes).filter((o) => o.state !== 'pending' && o.state !== 'running').length;
}

function readSetting(): boolean {
  try {
    return localStorage.getItem(CONFIRM_SETTING_KEY) !== '0';
  } catch {
    return true;
  }
}

export const planFlow = new PlanFlow();
