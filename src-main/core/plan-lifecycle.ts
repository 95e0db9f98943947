// A plan's whole life in the app: previewed against the live engine (and
// remembered), executed only as previewed (id + digest), cancelled, resumed
// when interrupted, and recorded in the history. Progress goes to listeners (the shell forwards it to the
// window as `planProgress`). Electron-free: the save dialog is injected.

import type { ExecutionReport, HistoryEntry, Plan, PlanProgress, CleanupIntent } from '../../src-shared/plan';
import type { EngineConnection } from '../engine/connection';
import type { ContainerSummary, ImageSummary } from '../../src-shared/model';
import { executePlan, PlanCancellation, type ExecuteOptions } from '../execution/executor';
import { historyEntryFrom } from '../history/history-export';
import { HistoryStore } from '../history/history-store';
import type { LayerFactsCaches } from '../inventory/layer-facts-cache';
import { trashDirIn } from '../trash/trash-store';
import type { TrashSettings } from '../../src-shared/trash';
import { readTrashSettings } from '../trash/trash-settings-store';
import { buildPlan, buildResumePlan, type FollowedLists } from '../planning/plan-service';
import { PlanRegistry, PlanStaleError } from '../planning/plan-registry';
import { destructiveSummary, type ConfirmInMain } from './main-confirmation';
import { PhraseError } from '../../src-shared/phrase-error';
import { phrase } from '../../src-shared/phrase';

/** The person said no in main's own dialog. */
export class PlanNotConfirmedError extends PhraseError {
  override readonly kind = 'cancelled';
}

export type ChooseSavePath = (suggestedName: string, format: 'json' | 'csv') => Promise<string | null>;

export interface PlanLifecycleOptions {
  /** Folder for history.jsonl. */
  dataDir: string;
  /**
   * The trash's settings as they are now: the default for plans' copies, the cap and the
   * age limit. Without it, the settings file in the data folder (the CLI's case).
   */
  trashSettings?: () => TrashSettings;
  /** Layer facts by engine, shared with the inventory (layers of an image never change). */
  layerFacts: LayerFactsCaches;
  /** The lists as engine events keep them, when something follows them: previews then list nothing again. */
  followedLists?: (connection: EngineConnection) => Promise<FollowedLists | null>;
  /** When each image was last used, for rules that read it (BuildPlanOptions.lastUses). */
  lastUses?: (
    connection: EngineConnection,
    lists: { images: ImageSummary[]; containers: ContainerSummary[] },
  ) => Promise<(image: ImageSummary) => number>;
  /** Asks the person where to save an export; null when they cancel. */
  chooseSavePath?: ChooseSavePath;
  /** Executor settings: concurrency, the df measurement, a hook before each step (a step-by-step mode; tests). */
  execute?: Pick<ExecuteOptions, 'concurrency' | 'measure' | 'beforeStep'>;
  /**
   * Asks the person in main (the shell's native dialog) before a plan that stops
   * running containers, removes volumes, forces or starts fresh. Without it such
   * plans run on the caller's word (tests, and hosts with their own prompt).
   */
  confirmInMain?: ConfirmInMain;
  /** Called after a plan ran, e.g. to refresh the inventory. */
  afterExecute?: (plan: Plan, report: ExecutionReport) => Promise<void> | void;
  /** Told when a run could not be recorded (the report stands); the default writes a warning to the console. */
  historyNotWritten?: (path: string, err: unknown) => void;
}

export interface PreviewOptions {
  /** Planning time (ms since epoch); `until` filters count back from it. */
  now?: number;
  /**
   * The plan to remember instead of the fresh one: a saved plan file's steps
   * matched against it (cli/plan-file-check.ts). It may throw to refuse.
   */
  narrow?: (fresh: Plan) => Plan;
}

type ProgressListener = (progress: PlanProgress) => void;

export class PlanLifecycle {
  readonly history: HistoryStore;
  private readonly registry = new PlanRegistry(20);
  private readonly running = new Map<string, PlanCancellation>();
  /** Recently executed plans, for resuming without reading the history file. */
  private readonly executed = new Map<string, HistoryEntry>();
  private readonly listeners = new Set<ProgressListener>();
  constructor(private readonly options: PlanLifecycleOptions) {
    this.history = new HistoryStore(options.dataDir);
  }

  private trashSettings(): TrashSettings {
    return this.options.trashSettings?.() ?? readTrashSettings(this.options.dataDir);
  }

  onProgress(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async preview(connection: EngineConnection, intent: CleanupIntent, options: PreviewOptions = {}): Promise<Plan> {
    const lists = await this.options.followedLists?.(connection);
    const fresh = await buildPlan(connection, intent, {
      layerCache: await this.options.layerFacts.for(connection),
      trashDir: trashDirIn(this.options.dataDir),
      trashSettings: this.trashSettings(),
      ...(lists ? { lists } : {}),
      ...(options.now !== undefined ? { now: options.now } : {}),
      ...(this.options.lastUses ? { lastUses: (l) => this.options.lastUses!(connection, l) } : {}),
    });
    const plan = options.narrow ? options.narrow(fresh) : fresh;
    this.registry.remember(plan);
    return plan;
  }

  async execute(connection: EngineConnection, planId: string, digest: string): Promise<ExecutionReport> {
    const stored = this.registry.get(planId);
    if (stored && stored.engine.host !== connection.endpoint.host) {
      throw new PlanStaleError(phrase('request.planOtherEngine', { host: stored.engine.host }));
    }
    // Asked before the plan is claimed: a "no" leaves it previewed, to run later or not at all.
    const previewed = this.registry.get(planId);
    const summary = previewed?.digest === digest ? destructiveSummary(previewed) : null;
    if (summary && this.options.confirmInMain && !(await this.options.confirmInMain(summary))) {
      throw new PlanNotConfirmedError(phrase('request.notConfirmed'));
    }
    const plan = this.registry.claim(planId, digest);
    const cancellation = new PlanCancellation();
    this.running.set(planId, cancellation);
    try {
      const report = await executePlan(connection, plan, {
        ...this.options.execute,
        trashDir: trashDirIn(this.options.dataDir),
        cancellation,
        onProgress: (p) => this.emit(p),
      });
      const entry = historyEntryFrom(plan, report);
      this.remember(entry);
      // The report stands even if the disk is full: losing the history line must not hide what happened.
      await this.history.append(entry).catch((err: unknown) => {
        if (this.options.historyNotWritten) this.options.historyNotWritten(this.history.path, err);
        else console.warn(`Barnacle: history not written: ${String(err)}`);
      });
      // Before the report returns: the next preview must see what this plan did.
      await Promise.resolve(this.options.afterExecute?.(plan, report)).catch(() => undefined);
      return report;
    } finally {
      this.running.delete(planId);
      this.registry.finished(planId);
    }
  }

  /**
   * Forgets a previewed plan that will not run: the scheduler's checks that find nothing
   * would otherwise push the person's own previews out of the registry's twenty.
   */
  forget(planId: string): void {
    this.registry.forget(planId);
  }

  /** Whether a plan is running now (a policy's schedule waits for the person's plans to finish). */
  get busy(): boolean {
    return this.running.size > 0;
  }

  /** Stops a running plan between steps; false when it is not running. */
  cancel(planId: string): boolean {
    const cancellation = this.running.get(planId);
    cancellation?.cancel();
    return !!cancellation;
  }

  async resume(connection: EngineConnection, planId: string): Promise<Plan> {
    const interrupted = this.executed.get(planId) ?? (await this.readHistory()).find((e) => e.planId === planId);
    if (!interrupted) throw new PlanStaleError(phrase('request.resumeUnknown'));
    if (interrupted.steps.every((s) => s.outcome === 'done' || s.outcome === 'already-gone')) {
      throw new PlanStaleError(phrase('request.resumeFinished'));
    }
    // Its targets are IDs on the engine it ran on: on another engine they name other images, or none.
    if (interrupted.engine.host !== connection.endpoint.host) {
      throw new PlanStaleError(phrase('request.resumeOtherEngine', { host: interrupted.engine.host }));
    }
    const plan = await buildResumePlan(connection, interrupted, {
      layerCache: await this.options.layerFacts.for(connection),
      trashDir: trashDirIn(this.options.dataDir),
      trashSettings: this.trashSettings(),
    });
    this.registry.remember(plan);
    return plan;
  }

  /** Newest first. */
  async readHistory(): Promise<HistoryEntry[]> {
    const { entries } = await this.history.read();
    return entries.reverse();
  }

  async exportHistory(format: 'json' | 'csv'): Promise<string | null> {
    const choose = this.options.chooseSavePath;
    if (!choose) return null;
    const path = await choose(`barnacle-history.${format}`, format);
    if (!path) return null;
    await this.history.exportTo(path, format);
    return path;
  }

  private emit(progress: PlanProgress): void {
    for (const listener of this.listeners) listener(progress);
  }

  private remember(entry: HistoryEntry): void {
    this.executed.set(entry.planId, entry);
    if (this.executed.size > 20) this.executed.delete(this.executed.keys().next().value!);
  }
}
