// The tray's behaviour without Electron: keeps the menu model current as the
// engine and inventory change (debounced), previews what a dangling prune
// would free, runs the quick prune through the same plan service and executor
// as the window, and hands the "older than 24 h" plan to the window.
// The shell (src-main/shell/tray.ts) only draws the model and forwards clicks.

import type { EngineHealth, InventorySnapshot } from '../../src-shared/model';
import type { CleanupIntent, ExecutionReport, Plan, PlanProgress } from '../../src-shared/plan';
import type { ReviewScreen } from '../../src-shared/contract';
import type { PolicyStatus } from '../../src-shared/policy';
import type { ReclaimablePart } from './tray-labels';
import { quickPruneProblems, refusalPhrase } from './quick-prune-guard';
import { trayLabels, traySize, type TrayLocale } from './tray-labels';
import {
  danglingCounts,
  largestReclaimable,
  trayMenuModel,
  type TrayMenuModel,
  type TraySettingsView,
  type TrayState,
} from './tray-menu';
import { inBackground } from '../runtime/background';
import { saysOf } from '../../src-shared/phrase-error';
import { ConnectionFailure } from '../engine/connection';
import { say } from '../../src-shared/messages/translate';

/** `docker image prune`: dangling images no container uses. */
export const DANGLING_PRUNE: CleanupIntent = { type: 'prune-images', all: false };
/** `docker image prune -a --filter until=24h`, shown in the window before anything runs. */
export const OLDER_THAN_DAY_PRUNE: CleanupIntent = { type: 'prune-images', all: true, until: '24h' };

/** The screen listing each part, where the person decides what goes. */
const SCREEN_OF: Record<ReclaimablePart, ReviewScreen> = {
  volumes: 'volumes',
  containers: 'containers',
  'build-cache': 'build-cache',
};

export interface TrayControllerDeps {
  session: { readonly health: EngineHealth; onHealth(listener: (health: EngineHealth) => void): () => void };
  inventory: {
    readonly snapshot: InventorySnapshot | null;
    onChange(listener: (snapshot: InventorySnapshot) => void): () => void;
    refresh(): Promise<InventorySnapshot>;
  };
  /** The plan service, remembering the plan so that it can be executed (here or in the window). */
  previewPlan(intent: CleanupIntent): Promise<Plan>;
  /**
   * The same planning, for the menu's figure only: nothing is remembered, so
   * the tray's frequent estimates never crowd out a plan the window shows.
   * Defaults to previewPlan.
   */
  estimatePlan?(intent: CleanupIntent): Promise<Plan>;
  /** The executor: runs exactly the plan's steps, reporting each one. */
  executePlan(plan: Plan, onProgress: (progress: PlanProgress) => void): Promise<ExecutionReport>;
  /** `action`: a button where the desktop offers notification actions, else a click on the notification. */
  notify(title: string, body: string, action?: { label: string; run: () => void }): void;
  showPlanInWindow(plan: Plan): void;
  /** Opens the window on a screen (the review line); nothing is planned or removed from here. */
  showScreenInWindow(screen: ReviewScreen): void;
  /** Called with every new model; the shell redraws the tray. */
  onModel(model: TrayMenuModel): void;
  locale(): TrayLocale;
  settings?(): TraySettingsView;
  /** The policies (core.policies): the menu's line for the next one to run and its last result. */
  policies?: { list(): PolicyStatus[]; onChange(listener: (statuses: PolicyStatus[]) => void): () => void };
  /** The clock the policy line counts from; Date.now by default. */
  now?: () => number;
  /** Engine events come in bursts (a prune deletes many layers): wait this long for quiet. */
  debounceMs?: number;
}

export class TrayController {
  private danglingPlan: TrayState['danglingPlan'] = null;
  /** The inventory the dangling plan was computed for (see inventoryKey). */
  private plannedFor: string | null = null;
  private pruning: TrayState['pruning'] = null;
  private lastResult: TrayState['lastResult'] = null;
  private generation = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: (() => void)[] = [];
  private modelNow: TrayMenuModel;

  constructor(private readonly deps: TrayControllerDeps) {
    this.modelNow = trayMenuModel(this.state());
  }

  get model(): TrayMenuModel {
    return this.modelNow;
  }

  start(): void {
    this.unsubscribe.push(this.deps.session.onHealth(() => this.schedule()));
    this.unsubscribe.push(this.deps.inventory.onChange(() => this.schedule()));
    if (this.deps.policies) {
      this.unsubscribe.push(this.deps.policies.onChange(() => this.publish()));
      // "next in 3 h" ages: redraw each minute so the line stays true while the menu sits there.
      const minute = setInterval(() => this.publish(), 60_000);
      minute.unref?.();
      this.unsubscribe.push(() => clearInterval(minute));
    }
    this.schedule();
  }

  stop(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.generation++;
  }

  /** Redraw with what is known now (e.g. after a setting changed). */
  publish(): void {
    this.modelNow = trayMenuModel(this.state());
    this.deps.onModel(this.modelNow);
  }

  /** Resolves once the menu reflects the current inventory, preview included. */
  async settle(): Promise<TrayMenuModel> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.recompute();
    return this.modelNow;
  }

  /**
   * Plans the dangling prune afresh, checks it removes only unused dangling
   * images, runs it, and says how much it freed. Refuses anything else.
   */
  async quickPrune(): Promise<void> {
    if (this.pruning) return;
    const t = trayLabels(this.deps.locale());
    let plan: Plan;
    try {
      plan = await this.deps.previewPlan(DANGLING_PRUNE);
      // Read after planning: a container started since then must stop the prune here.
      const inventory = await this.deps.inventory.refresh();
      const problems = quickPruneProblems(plan, inventory);
      if (problems.length > 0) {
        this.deps.notify('Barnacle', t.quickPruneRefused(refusalPhrase(problems)));
        return;
      }
    } catch (err) {
      this.deps.notify('Barnacle', t.planFailed(messageOf(err, this.deps.locale())));
      return;
    }
    if (plan.steps.length === 0) {
      await this.settle();
      return;
    }

    this.pruning = { done: 0, total: plan.steps.length };
    this.publish();
    try {
      const report = await this.deps.executePlan(plan, (progress) => {
        if (progress.planId !== plan.id) return;
        this.pruning = { done: progress.done, total: progress.total };
        this.publish();
      });
      const freed = plannedBytesFreed(plan, report);
      const failed = plan.steps.filter((s) => !isSuccess(report.outcomes[s.id]?.state)).length;
      this.lastResult = { bytesFreed: freed, exact: plan.exact };
      const size = traySize(freed, this.deps.locale());
      const result = failed ? t.freedPartly(size, plan.exact, failed) : t.freed(size, plan.exact);
      const kept = keptCopies(plan, report);
      if (kept.images === 0) this.deps.notify('Barnacle', result);
      else {
        // Undo opens the trash at these copies: restoring is the person's click there, not the notification's.
        this.deps.notify('Barnacle', t.keptInTrash(result, kept.images, traySize(kept.bytes, this.deps.locale())), {
          label: t.undo,
          run: () => this.deps.showScreenInWindow('trash'),
        });
      }
    } catch (err) {
      this.deps.notify('Barnacle', t.quickPruneFailed(messageOf(err, this.deps.locale())));
    } finally {
      this.pruning = null;
      this.plannedFor = null;
      await this.deps.inventory.refresh().catch(() => undefined);
      await this.settle();
    }
  }

  /** Plans "unused, older than 24 h" and opens it in the window; nothing runs from here. */
  async pruneOlderThanDay(): Promise<void> {
    try {
      this.deps.showPlanInWindow(await this.deps.previewPlan(OLDER_THAN_DAY_PRUNE));
    } catch (err) {
      this.deps.notify('Barnacle', trayLabels(this.deps.locale()).planFailed(messageOf(err, this.deps.locale())));
    }
  }

  /** The policy line: opens the Policies screen. */
  reviewPolicies(): void {
    this.deps.showScreenInWindow('policies');
  }

  /** Opens the screen where the largest reclaimable part is listed; the person decides there. */
  reviewLargest(): void {
    const largest = largestReclaimable(this.deps.inventory.snapshot);
    if (largest) this.deps.showScreenInWindow(SCREEN_OF[largest.part]);
  }

  private state(): TrayState {
    const settings = this.deps.settings?.();
    return {
      health: this.deps.session.health,
      inventory: this.deps.inventory.snapshot,
      danglingPlan: this.danglingPlan,
      pruning: this.pruning,
      lastResult: this.lastResult,
      locale: this.deps.locale(),
      ...(settings ? { settings } : {}),
      ...(this.deps.policies
        ? { policies: { statuses: this.deps.policies.list(), now: (this.deps.now ?? Date.now)() } }
        : {}),
    };
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      inBackground(this.recompute(), 'updating the tray');
    }, this.deps.debounceMs ?? 300);
  }

  /** Re-preview the dangling prune when what it depends on changed; publish either way. */
  private async recompute(): Promise<void> {
    const generation = ++this.generation;
    const inventory = this.deps.inventory.snapshot;
    const connected = this.deps.session.health.state === 'connected';
    if (!connected || !inventory || this.pruning) {
      this.publish();
      return;
    }
    const key = inventoryKey(inventory);
    if (key === this.plannedFor && this.danglingPlan) {
      this.publish();
      return;
    }
    if (danglingCounts(inventory).prunable === 0) {
      this.danglingPlan = { images: 0, bytesFreed: 0, exact: true };
      this.plannedFor = key;
      this.publish();
      return;
    }
    this.danglingPlan = null; // "…" while the preview runs
    this.publish();
    try {
      const plan = await (this.deps.estimatePlan
        ? this.deps.estimatePlan(DANGLING_PRUNE)
        : this.deps.previewPlan(DANGLING_PRUNE));
      if (generation !== this.generation) return; // a newer change is being planned
      this.danglingPlan = {
        images: plan.steps.filter((s) => s.action === 'remove-image').length,
        bytesFreed: plan.bytesFreed,
        exact: plan.exact,
      };
      this.plannedFor = key;
    } catch {
      // The engine went away mid-preview; its health change schedules the next try.
    }
    if (generation === this.generation) this.publish();
  }
}

/**
 * What the dangling preview depends on: which images exist (a freed layer may
 * be shared with a tagged image) and which containers hold which image.
 * Previewing refreshes the inventory, so comparing snapshots by time would
 * re-plan forever.
 */
export function inventoryKey(inventory: InventorySnapshot): string {
  const images = inventory.images.map((i) => `${i.id}:${i.tags.length}`).sort();
  const containers = inventory.containers.map((c) => `${c.id}:${c.imageId}`).sort();
  return `${images.join(',')}|${containers.join(',')}`;
}

function isSuccess(state: string | undefined): boolean {
  return state === 'done' || state === 'already-gone';
}

/** The plan's own figure when every step finished, else the bytes of the steps that did. */
export function plannedBytesFreed(plan: Plan, report: ExecutionReport): number {
  const done = plan.steps.filter((s) => report.outcomes[s.id]?.state === 'done');
  if (done.length === plan.steps.length) return plan.bytesFreed;
  return done.reduce((sum, s) => sum + s.bytes, 0);
}

/** What went wrong, in the tray's language when main said it (a phrase); else as the engine or system said it. */
function messageOf(err: unknown, locale: TrayLocale): string {
  if (err instanceof ConnectionFailure && err.health.says) return say(locale, err.health.says);
  const { message, says } = saysOf(err);
  return says ? say(locale, says) : message;
}

/** What the plan's finished keep-copy steps kept: images, and the archives' bytes on disk. */
export function keptCopies(plan: Plan, report: ExecutionReport): { images: number; bytes: number } {
  let images = 0;
  let bytes = 0;
  for (const step of plan.steps) {
    const outcome = report.outcomes[step.id];
    if (step.action !== 'keep-copy' || outcome?.state !== 'done') continue;
    images += step.copy?.images.length ?? 0;
    bytes += outcome.keptBytes ?? 0;
  }
  return { images, bytes };
}
