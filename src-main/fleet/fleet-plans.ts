// A plan across engines: each engine planned on its own connection, side by
// side, into one preview grouped by engine; then each engine's plan run on its
// own, in parallel, so one that fails or goes away stops nothing else. Every
// engine's plan is an ordinary plan (previewed, pinned by id and digest, re-checked
// step by step, recorded with its engine in the history): the fleet adds grouping,
// never a way around that.

import { randomUUID } from 'node:crypto';
import type { BarnacleError } from '../../src-shared/errors';
import {
  commandsOnEngine,
  type FleetPlan,
  type FleetPlanPart,
  type FleetRunPart,
  type FleetRunReport,
} from '../../src-shared/fleet';
import type { Endpoint, EngineKind } from '../../src-shared/model';
import type { CleanupIntent, ExecutionReport, Plan } from '../../src-shared/plan';
import { PhraseError, refusalOf, saysOf } from '../../src-shared/phrase-error';
import { phrase } from '../../src-shared/phrase';
import { classifyFailure } from '../conflicts/classify';
import type { EngineConnection } from '../engine/connection';
import { readEngineFailure } from '../engine/engine-error';

/** An engine of the fleet as the plan meets it: connected, or why not. */
export type ReachedEngine =
  { endpoint: Endpoint; connection: EngineConnection } | { endpoint: Endpoint; error: BarnacleError };

/** A thrown failure as data: main's own refusals keep their kind; the engine's answers are classified. */
export function fleetErrorOf(err: unknown, engine: EngineKind | undefined): BarnacleError {
  const refused = refusalOf(err);
  if (refused) return refused;
  if (engine === undefined) return { kind: 'unknown', ...saysOf(err) };
  return classifyFailure(readEngineFailure(err), { operation: 'list', engine });
}

/** How long one engine's plan may take before its part says the engine did not answer (a dropped VPN keeps a socket open). */
export const PART_PREVIEW_TIMEOUT_MS = 180_000;

export interface PlanAcrossOptions {
  now: number;
  /** Per engine; PART_PREVIEW_TIMEOUT_MS unless given. */
  timeoutMs?: number;
  /** Plans one engine (the app: its PlanLifecycle's preview, which pins the plan for execution). */
  preview: (connection: EngineConnection, intent: CleanupIntent) => Promise<Plan>;
}

class EngineSilent extends PhraseError {
  override readonly kind = 'engine-unreachable';
}

/**
 * The engine's plan, or a refusal saying it did not answer in time, so one engine that
 * stops answering mid-request never holds up the grouped preview. A plan arriving after
 * that is pinned but in no part: it cannot be run from the fleet plan.
 */
async function withinOrSilent<T>(work: Promise<T>, host: string, timeoutMs = PART_PREVIEW_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const silent = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new EngineSilent(phrase('health.noAnswerWithin', { where: host, seconds: timeoutMs / 1000 }))),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work, silent]);
  } finally {
    clearTimeout(timer);
  }
}

export async function planAcross(
  engines: readonly ReachedEngine[],
  intent: CleanupIntent,
  options: PlanAcrossOptions,
): Promise<FleetPlan> {
  const parts = await Promise.all(
    engines.map(async (reached): Promise<FleetPlanPart> => {
      if ('error' in reached) return reached;
      const { endpoint, connection } = reached;
      try {
        const plan = await withinOrSilent(options.preview(connection, intent), endpoint.host, options.timeoutMs);
        return { endpoint, plan, commands: commandsOnEngine(plan.commands, endpoint) };
      } catch (err) {
        return { endpoint, error: fleetErrorOf(err, connection.engine.kind) };
      }
    }),
  );
  const planned = parts.flatMap((p) => ('plan' in p ? [p.plan] : []));
  return {
    id: randomUUID(),
    createdAt: options.now,
    intent,
    parts,
    bytesFreed: planned.reduce((sum, p) => sum + p.bytesFreed, 0),
    exact: planned.every((p) => p.exact),
    steps: planned.reduce((sum, p) => sum + p.steps.length, 0),
  };
}

/**
 * Runs every engine's plan at once. An engine's failure (gone mid-plan, a refusal)
 * is that engine's result only; the others run to their own end. Engines that had
 * no plan keep the reason they had none.
 */
export async function runAcross(
  fleetPlan: FleetPlan,
  run: (part: Extract<FleetPlanPart, { plan: Plan }>) => Promise<ExecutionReport>,
): Promise<FleetRunReport> {
  const parts = await Promise.all(
    fleetPlan.parts.map(async (part): Promise<FleetRunPart> => {
      const host = part.endpoint.host;
      if ('error' in part) return { host, error: part.error };
      try {
        return { host, planId: part.plan.id, report: await run(part) };
      } catch (err) {
        return { host, planId: part.plan.id, error: fleetErrorOf(err, part.plan.engine.kind) };
      }
    }),
  );
  return {
    fleetPlanId: fleetPlan.id,
    parts,
    bytesFreed: parts.reduce((sum, p) => sum + ('report' in p ? p.report.bytesFreed : 0), 0),
    finished: parts.every((p) => 'report' in p && p.report.finished),
  };
}
