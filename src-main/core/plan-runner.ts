// Plans for the app: preview against the live engine, execute exactly a
// previewed plan (id + digest), cancel, resume an interrupted one, and the
// history of what ran. Progress goes to listeners (the shell forwards it to the
// window as `planProgress`). Electron-free: the save dialog is injected.

import type { ExecutionReport, HistoryEntry, Plan, PlanProgress, CleanupIntent } from '../../src-shared/plan';
import type { EngineConnection } from '../engine/connection';
import { executePlan, PlanCancellation, type ExecuteOptions } from '../execution/executor';
import { historyEntryFrom } from '../history/history-export';
import { HistoryStore } from '../history/history-store';
import { LayerFactsCache } from '../inventory/layer-facts';
import { buildPlan, buildResumePlan, type InterruptedPlan } from '../planning/plan-service';
import { PlanRegistry, PlanStaleError } from '../planning/plan-registry';

export type ChooseSavePath = (suggestedName: string, format: 'json' | 'csv') => Promise<string | null>;

export interface PlanRunnerOptions {
  /** Folder for history.jsonl. */
  dataDir: string;
  /** Asks the person where to save an export; null when they cancel. */
  chooseSavePath?: ChooseSavePath;
  /** Executor settings: concurrency, the df measurement, a hook before each step (a step-by-step mode; tests). */
  execute?: Pick<ExecuteOptions, 'concurrency' | 'measure' | 'beforeStep'>;
  /** Called after a plan ran, e.g. to refresh the inventory. */
  afterExecute?: (report: ExecutionReport) => void;
}

type ProgressListener = (progress: PlanProgress) => void;

export class PlanRunner {
  readonly history: HistoryStore;
  private readonly registry = new PlanRegistry(20);
  private readonly running = new Map<string, PlanCancellation>();
  /** Recently executed plans, for resuming without reading the history file. */
  private readonly executed = new Map<string, InterruptedPlan>();
  private readonly listeners = new Set<ProgressListener>();
  private layerCache: { host: string; cache: LayerFactsCache } | null = null;

  constructor(private readonly options: PlanRunnerOptions) {
    this.history = new HistoryStore(options.dataDir);
  }

  onProgress(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async preview(connection: EngineConnection, intent: CleanupIntent): Promise<Plan> {
    const plan = await buildPlan(connection, intent, { layerCache: this.cacheFor(connection) });
    this.registry.remember(plan);
    return plan;
  }

  async execute(connection: EngineConnection, planId: string, digest: string): Promise<ExecutionReport> {
    const stored = this.registry.get(planId);
    if (stored && stored.engine.host !== connection.endpoint.host) {
      throw new PlanStaleError(
        `This plan was made for ${stored.engine.host}, not the engine now selected. Preview it again.`,
      );
    }
    const plan = this.registry.claim(planId, digest);
    const cancellation = new PlanCancellation();
    this.running.set(planId, cancellation);
    try {
      const report = await executePlan(connection, plan, {
        ...this.options.execute,
        cancellation,
        onProgress: (p) => this.emit(p),
      });
      const entry = historyEntryFrom(plan, report);
      this.remember(entry);
      // The report stands even if the disk is full: losing the history line must not hide what happened.
      await this.history
        .append(entry)
        .catch((err: unknown) => console.warn(`Barnacle: history not written: ${String(err)}`));
      this.options.afterExecute?.(report);
      return report;
    } finally {
      this.running.delete(planId);
      this.registry.finished(planId);
    }
  }

  /** Stops a running plan between steps; false when it is not running. */
  cancel(planId: string): boolean {
    const cancellation = this.running.get(planId);
    cancellation?.cancel();
    return !!cancellation;
  }

  async resume(connection: EngineConnection, planId: string): Promise<Plan> {
    const interrupted = this.executed.get(planId) ?? (await this.readHistory()).find((e) => e.planId === planId);
    if (!interrupted) throw new PlanStaleError('No plan with this id has run here, so there is nothing to resume.');
    if (interrupted.steps.every((s) => s.outcome === 'done' || s.outcome === 'already-gone')) {
      throw new PlanStaleError('That plan finished every step: there is nothing to resume.');
    }
    const plan = await buildResumePlan(connection, interrupted, { layerCache: this.cacheFor(connection) });
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

  /** One layer cache per engine: facts from another engine would be wrong. */
  private cacheFor(connection: EngineConnection): LayerFactsCache {
    const host = connection.endpoint.host;
    if (this.layerCache?.host !== host) this.layerCache = { host, cache: new LayerFactsCache() };
    return this.layerCache.cache;
  }
}
