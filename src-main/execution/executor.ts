// Executes a confirmed plan: its steps and no others, in dependency order, a
// few at a time, each re-checked against the live engine first. It can be
// cancelled between steps; an engine that goes away stops it cleanly. The
// report has an outcome for every step and the bytes freed as measured.

import { phrase } from '../../src-shared/phrase';
import type { EngineConnection } from '../engine/connection';
import type { ExecutionReport, Plan, PlanProgress, PlanStep, StepOutcome } from '../../src-shared/plan';
import { resolverFromContainers } from '../conflicts/resolver';
import { toContainerSummary } from '../inventory/relations';
import type { RawContainer } from '../inventory/engine-answers';
import { runSteps, succeeded, type FinalOutcome } from './schedule';
import { runStep, type StepContext } from './step-runner';
import { dfByType, measuredBytes, sampleUsage, unmeasurableBecause, type UsageSample } from './usage-sample';

/** Asked to stop: no step starts after cancel(); running ones finish. */
export class PlanCancellation {
  private cancelledNow = false;
  cancel(): void {
    this.cancelledNow = true;
  }
  get cancelled(): boolean {
    return this.cancelledNow;
  }
}

export interface ExecuteOptions {
  /** Steps running at once (default 4). */
  concurrency?: number;
  onProgress?: (progress: PlanProgress) => void;
  cancellation?: PlanCancellation;
  /**
   * Awaited before each step starts (after its dependencies, before its checks):
   * a step-by-step CLI asks here; tests change the world here.
   */
  beforeStep?: (step: PlanStep) => Promise<void>;
  /** Measure bytes freed with the engine's disk usage (default true; slow on huge hosts). */
  measure?: boolean;
  /**
   * Before API 1.42 df cannot be asked for image layers alone: each sample sizes
   * every container on the host (on 2,000 containers, most of a 200-image plan's
   * time). Above this many containers the plan's own figure stands (exact on the
   * classic store, where those engines are); default 500.
   */
  measureUpToContainers?: number;
  now?: () => number;
  /** The trash folder (<data dir>/trash): keep-copy and remove-trash-entry steps act only inside it. */
  trashDir?: string;
}

const CANCELLED = phrase('outcome.cancelled');

export async function executePlan(
  connection: EngineConnection,
  plan: Plan,
  options: ExecuteOptions = {},
): Promise<ExecutionReport> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const { docker, engine } = connection;
  const measure = options.measure ?? true;
  let engineLost: string | null = null;

  const removedContainers = plan.steps.filter((s) => s.action === 'remove-container').map((s) => s.target);
  // Names for the containers the engine's refusals mention (without a list they show as IDs), read with the sample.
  const listing = docker.listContainers({ all: true }).catch(() => []) as unknown as Promise<RawContainer[]>;
  const unmeasurable = unmeasurableBecause(engine);
  const wholeDfOnly = !unmeasurable && !dfByType(engine);
  let notMeasured: string | null = null;
  let before: UsageSample | null = null;
  let rawListed: RawContainer[];
  if (measure && wholeDfOnly) {
    rawListed = await listing;
    const limit = options.measureUpToContainers ?? 500;
    if (rawListed.length > limit) {
      notMeasured = `measuring would size all ${rawListed.length} containers on this engine twice (API ${engine.apiVersion} cannot ask for image layers alone), so the plan's figure stands`;
    } else before = await sampleUsage(docker, engine, removedContainers);
  } else {
    [before, rawListed] = await Promise.all([measure ? sampleUsage(docker, engine, removedContainers) : null, listing]);
  }
  const listed = rawListed.map(toContainerSummary);
  const context: StepContext = {
    docker,
    engine,
    resolve: resolverFromContainers(listed),
    planId: plan.id,
    host: connection.endpoint.host,
    ...(options.trashDir ? { trashDir: options.trashDir } : {}),
  };

  const stopReason = () =>
    engineLost !== null
      ? phrase('outcome.engineLost', { said: engineLost })
      : options.cancellation?.cancelled
        ? CANCELLED
        : null;
  let done = 0;
  const total = plan.steps.length;
  const onChange = (step: PlanStep, outcome: StepOutcome) => {
    if (outcome.state !== 'running') done++;
    options.onProgress?.({ planId: plan.id, stepId: step.id, outcome, done, total });
  };

  const run = async (step: PlanStep): Promise<FinalOutcome> => {
    await options.beforeStep?.(step);
    const stop = stopReason();
    if (stop) return { state: 'not-run', reason: stop };
    const result = await runStep(context, step);
    if ('engineLost' in result) {
      engineLost ??= result.engineLost;
      return result.outcome;
    }
    return result;
  };

  const outcomes = await runSteps(plan.steps, run, { concurrency: options.concurrency ?? 4, stopReason, onChange });

  const finishedSteps = plan.steps.filter((s) => outcomes.get(s.id)?.state === 'done');
  const measurement = await measureFreed(before, finishedSteps, unmeasurable ?? notMeasured, () =>
    engineLost ? Promise.resolve(null) : sampleUsage(docker, engine),
  );
  const report: ExecutionReport = {
    planId: plan.id,
    digest: plan.digest,
    startedAt,
    finishedAt: now(),
    outcomes: Object.fromEntries(outcomes),
    ...measurement,
    finished: plan.steps.every((s) => succeeded(outcomes.get(s.id))),
    cancelled: [...outcomes.values()].some((o) => o.state === 'not-run' && o.reason.key === CANCELLED.key),
  };
  if (engineLost) report.engineLost = engineLost;
  return report;
}

/**
 * The engine's disk usage before and after when it can tell; else the plan's
 * figures for the steps that finished, saying why.
 */
async function measureFreed(
  before: UsageSample | null,
  finished: PlanStep[],
  unmeasurable: string | null,
  sampleAfter: () => Promise<UsageSample | null>,
): Promise<Pick<ExecutionReport, 'bytesFreed' | 'bytesSource' | 'bytesNote'>> {
  const fromPlan = finished.reduce((sum, s) => sum + s.bytes, 0);
  // Seen live on Docker 20.10: df stops counting a force-deleted image's layers at once,
  // while the containers left on it keep them on disk until they go.
  if (finished.some((s) => s.force && (s.action === 'remove-image' || s.action === 'remove-child-image'))) {
    return {
      bytesFreed: fromPlan,
      bytesSource: 'plan',
      bytesNote:
        "a force-deleted image's layers stay on disk for its containers, but the engine's disk usage no longer counts them",
    };
  }
  const after = before ? await sampleAfter() : null;
  if (before && after) {
    const removed = finished.filter((s) => s.action === 'remove-container').map((s) => s.target);
    // The sample covers images and containers; a removed volume's or cache record's bytes are
    // its size as the engine measured it for the plan (a second walk would double the plan's time).
    const volumes = finished
      .filter(
        (s) => s.action === 'remove-volume' || s.action === 'remove-build-cache' || s.action === 'remove-trash-entry',
      )
      .reduce((sum, s) => sum + s.bytes, 0);
    return { bytesFreed: measuredBytes(before, after, removed) + volumes, bytesSource: 'disk-usage' };
  }
  return {
    bytesFreed: fromPlan,
    bytesSource: 'plan',
    bytesNote: before
      ? 'the engine did not answer after the plan'
      : (unmeasurable ?? 'the engine did not answer before the plan'),
  };
}
