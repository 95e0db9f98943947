// One run of one policy against the engine connected now: the plan previewed
// with the policy's rules, checked by the automatic guard, then either only
// counted (notify) or executed exactly as previewed (apply), and the run recorded
// with the policy. The scheduler, the CLI's `policy apply` and the live tests all
// run policies through here, so each run is recorded and guarded the same way.

import type { CleanupIntent, ExecutionReport, Plan, TrashChoice } from '../../src-shared/plan';
import { policyIntent, type Policy, type PolicyMode, type PolicyRun } from '../../src-shared/policy';
import type { TrashSettings } from '../../src-shared/trash';
import { phrase } from '../../src-shared/phrase';
import { PhraseError, saysOf } from '../../src-shared/phrase-error';
import type { EngineConnection } from '../engine/connection';
import { automaticProblems, automaticRefusal } from './automatic-guard';

export interface PolicyRunnerPorts {
  /** The engine connected now; null when none is. */
  connection(): EngineConnection | null;
  /** The app's plan lifecycle (core/plan-lifecycle.ts), as far as a run uses it: core hands it in. */
  plans: {
    preview(connection: EngineConnection, intent: CleanupIntent, options: { now: number }): Promise<Plan>;
    execute(connection: EngineConnection, planId: string, digest: string): Promise<ExecutionReport>;
    forget(planId: string): void;
  };
  trashSettings(): TrashSettings;
  recordRun(name: string, run: PolicyRun): unknown;
  now(): number;
}

export interface PolicyRunOptions {
  /** Made by the schedule, not by a person asking now: the intent (and so the history) says so. */
  automatic?: boolean;
  /** The mode to run in instead of the policy's (the CLI's `policy apply` applies a notify-only policy). */
  mode?: PolicyMode;
  /**
   * Asked before an apply runs, with the plan previewed (the CLI's prompt): a throw
   * stops the run unrecorded, as a "no" to `barnacle apply` leaves no trace either.
   */
  beforeExecute?: (plan: Plan) => Promise<void>;
}

export interface PolicyRunResult {
  policy: Policy;
  run: PolicyRun;
  /** The plan previewed (absent when planning itself failed). */
  plan?: Plan;
  /** apply: what the execution did. */
  report?: ExecutionReport;
}

/** Steps that take an image (or a tag of one) away: what "images" counts in a run. */
const IMAGE_STEPS = new Set(['remove-image', 'remove-child-image']);

/**
 * Copies of images that cannot be pulled back are always kept by a run nobody
 * watches, where the trash exists; "all" in Settings keeps more, "none" does
 * not turn this off (an unattended removal must stay undoable).
 */
export function automaticTrash(settings: TrashSettings): TrashChoice {
  return settings.keep === 'all' ? true : 'not-pullable';
}

/** The intent a policy's run previews: its rules, the trash as above, and whether the schedule made it. */
export function policyRunIntent(policy: Policy, settings: TrashSettings, automatic: boolean): CleanupIntent {
  return { ...policyIntent(policy), ...(automatic ? { automatic: true } : {}), trash: automaticTrash(settings) };
}

export async function runPolicy(
  ports: PolicyRunnerPorts,
  policy: Policy,
  options: PolicyRunOptions = {},
): Promise<PolicyRunResult> {
  const connection = ports.connection();
  if (!connection) throw new PhraseError(phrase('policy.failed.notConnected'));
  const mode = options.mode ?? policy.mode;
  const at = ports.now();
  const record = (run: PolicyRun, rest: Omit<PolicyRunResult, 'policy' | 'run'> = {}): PolicyRunResult => {
    ports.recordRun(policy.name, run);
    return { policy, run, ...rest };
  };
  let plan: Plan;
  try {
    const intent = policyRunIntent(policy, ports.trashSettings(), options.automatic ?? false);
    plan = await ports.plans.preview(connection, intent, { now: at });
  } catch (err) {
    return record({ at, outcome: 'failed', bytes: 0, images: 0, reason: reasonOf(err) });
  }
  const images = plan.steps.filter((s) => IMAGE_STEPS.has(s.action)).length;
  const counted = { bytes: plan.bytesFreed, images, planId: plan.id };
  const problems = automaticProblems(plan);
  if (problems.length > 0) {
    return record({ at, outcome: 'failed', ...counted, reason: automaticRefusal(problems) }, { plan });
  }
  if (images === 0) {
    // Nothing to review or run: kept, it would only crowd the person's own previews out.
    ports.plans.forget(plan.id);
    return record({ at, outcome: 'nothing', ...counted }, { plan });
  }
  if (mode === 'notify') return record({ at, outcome: 'notified', ...counted }, { plan });
  await options.beforeExecute?.(plan);
  let report: ExecutionReport;
  try {
    report = await ports.plans.execute(connection, plan.id, plan.digest);
  } catch (err) {
    return record({ at, outcome: 'failed', ...counted, reason: reasonOf(err) }, { plan });
  }
  const unfinished = Object.values(report.outcomes).filter(
    (o) => o.state !== 'done' && o.state !== 'already-gone',
  ).length;
  const doneImages = plan.steps.filter(
    (s) => IMAGE_STEPS.has(s.action) && report.outcomes[s.id]?.state === 'done',
  ).length;
  return record(
    {
      at,
      outcome: 'applied',
      bytes: report.bytesFreed,
      images: doneImages,
      planId: plan.id,
      ...(unfinished > 0 ? { reason: phrase('policy.run.unfinished', { count: unfinished }) } : {}),
    },
    { plan, report },
  );
}

function reasonOf(err: unknown) {
  const { message, says } = saysOf(err);
  return says ?? phrase('policy.failed.error', { message });
}
